package dev.drydock.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate just issued and the directory its PEM files were written to.
 *
 * @param certificate the new leaf certificate
 * @param directory where {@code cert.pem}, {@code chain.pem}, {@code key.pem} and {@code ca.pem}
 *     are
 */
public record IssuedCertificate(X509Certificate certificate, Path directory) {
  /** Checks both parts are present. */
  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(directory, "directory");
  }

  /** {@return the serial number of the certificate} */
  public SerialNumber serial() {
    return new SerialNumber(certificate.getSerialNumber());
  }

  /** {@return the file with the certificate (for Docker bundles, followed by the issuing CA)} */
  public Path certFile() {
    return directory.resolve(IssuedFiles.CERT);
  }

  /** {@return the file with the certificate followed by the issuing CA certificate} */
  public Path chainFile() {
    return directory.resolve(IssuedFiles.CHAIN);
  }

  /** {@return the file with the unencrypted PKCS#8 private key, readable by its owner only} */
  public Path keyFile() {
    return directory.resolve(IssuedFiles.KEY);
  }

  /** {@return the file with the root CA certificate, the trust anchor} */
  public Path caFile() {
    return directory.resolve(IssuedFiles.CA);
  }

  /**
   * {@return TLS files for a drydock server or client using this certificate, without a CRL}
   *
   * <p>Add the CA's CRL so that revoked peers are refused: {@code
   * tlsFiles().withCrl(ca.crlFile())}. Every server accepting drydock clients should; see {@link
   * TlsFiles} for how a missing CRL is handled.
   */
  public TlsFiles tlsFiles() {
    return new TlsFiles(keyFile(), chainFile(), caFile(), null);
  }
}
