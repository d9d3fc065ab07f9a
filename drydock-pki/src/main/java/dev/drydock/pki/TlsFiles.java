package dev.drydock.pki;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The PEM files a drydock TLS endpoint reads: its key, its certificate chain, the CA it trusts, and
 * optionally the CA's CRL.
 *
 * <p>Revocation fails closed: once a CRL file is named, peers are checked against it, and while the
 * file is missing or unreadable (at start, or deleted later) every peer is refused with an error
 * naming the file, instead of revocation silently no longer being checked. A CRL file that exists
 * but does not parse stops the endpoint from starting; at a later reload (e.g. a half-written copy)
 * the previous CRL stays in use until a valid one appears. Without a CRL file no peer is checked
 * for revocation, so servers that accept drydock clients should always name one: {@code
 * issued.tlsFiles().withCrl(ca.crlFile())}, or {@code TlsFiles.in(dir).withCrl(crlFile)} where the
 * CA's {@code crl.pem} is copied to.
 *
 * @param key the unencrypted private key
 * @param chain the endpoint's certificate followed by the issuing CA certificate
 * @param trustedCa the root CA certificate(s) that peers' chains must lead to
 * @param crl the CA's CRL to check peers against, which must then exist; or null to check none
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
   * wrote, without a CRL: add one with {@link #withCrl(Path)}}
   */
  public static TlsFiles in(Path directory) {
    return new TlsFiles(
        directory.resolve(IssuedFiles.KEY),
        directory.resolve(IssuedFiles.CHAIN),
        directory.resolve(IssuedFiles.CA),
        null);
  }

  /**
   * {@return these files, checking peers against the CRL in {@code crlFile}, usually the CA's
   * {@link CertificateAuthority#crlFile()}; peers are refused while that file is missing}
   */
  public TlsFiles withCrl(Path crlFile) {
    return new TlsFiles(key, chain, trustedCa, crlFile);
  }
}
