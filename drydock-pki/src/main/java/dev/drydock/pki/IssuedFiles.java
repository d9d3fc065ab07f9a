package dev.drydock.pki;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the PEM files of a newly issued certificate. The key is written first and the certificates
 * after it, each file replaced atomically, so a server reloading them sees at worst a new key with
 * an old certificate, which it detects and waits out.
 */
final class IssuedFiles {
  static final String CERT = "cert.pem";
  static final String CHAIN = "chain.pem";
  static final String KEY = "key.pem";
  static final String CA = "ca.pem";

  /** Which files to write. */
  enum Layout {
    /** cert.pem is the leaf alone; chain.pem is the leaf and the issuing CA. */
    STANDARD,
    /** cert.pem, like chain.pem, is the leaf and the issuing CA, as dockerd and docker expect. */
    DOCKER
  }

  private IssuedFiles() {}

  static void write(
      Path dir,
      Layout layout,
      PrivateKey key,
      X509Certificate leaf,
      X509Certificate issuing,
      X509Certificate root)
      throws PkiException {
    SecureFiles.createPrivateDirectory(dir);
    byte[] keyPem = Pem.encodePrivateKey(key);
    try {
      SecureFiles.writeAtomically(dir.resolve(KEY), keyPem, true);
    } finally {
      Arrays.fill(keyPem, (byte) 0);
    }
    byte[] chain = Pem.encodeCertificates(List.of(leaf, issuing));
    byte[] cert =
        switch (layout) {
          case STANDARD -> Pem.encodeCertificates(List.of(leaf));
          case DOCKER -> chain;
        };
    SecureFiles.writeAtomically(dir.resolve(CERT), cert, false);
    SecureFiles.writeAtomically(dir.resolve(CHAIN), chain, false);
    SecureFiles.writeAtomically(dir.resolve(CA), Pem.encodeCertificates(List.of(root)), false);
  }
}
