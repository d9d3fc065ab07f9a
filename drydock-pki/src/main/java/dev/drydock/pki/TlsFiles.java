package dev.drydock.pki;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The PEM files a drydock TLS endpoint reads: its key, its certificate chain, the CA it trusts, and
 * optionally the CA's CRL.
 *
 * @param key the unencrypted private key
 * @param chain the endpoint's certificate followed by the issuing CA certificate
 * @param trustedCa the root CA certificate(s) that peers' chains must lead to
 * @param crl the CRL to check peers against when the file exists, or null to check none
 */
public record TlsFiles(Path key, Path chain, Path trustedCa, @Nullable Path crl) {
  /** Checks the required files are named. */
  public TlsFiles {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(trustedCa, "trustedCa");
  }

  /**
   * {@return {@code key.pem}, {@code chain.pem} and {@code ca.pem} in a directory {@link Issuer}
   * wrote}
   */
  public static TlsFiles in(Path directory) {
    return new TlsFiles(
        directory.resolve(IssuedFiles.KEY),
        directory.resolve(IssuedFiles.CHAIN),
        directory.resolve(IssuedFiles.CA),
        null);
  }

  /** {@return these files, checking peers against the CRL in {@code crlFile} when it exists} */
  public TlsFiles withCrl(Path crlFile) {
    return new TlsFiles(key, chain, trustedCa, crlFile);
  }
}
