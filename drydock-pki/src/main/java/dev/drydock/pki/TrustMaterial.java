package dev.drydock.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** The root certificates a TLS endpoint trusts, and the CRL it checks peers against. */
final class TrustMaterial {
  private final List<X509Certificate> roots;
  private final Set<TrustAnchor> anchors;
  private final @Nullable X509CRL crl;
  private final @Nullable Path crlFile;
  private final AtomicBoolean staleCrlReported = new AtomicBoolean();

  TrustMaterial(List<X509Certificate> roots, @Nullable X509CRL crl, @Nullable Path crlFile) {
    this.roots = List.copyOf(roots);
    Set<TrustAnchor> set = new LinkedHashSet<>();
    roots.forEach(root -> set.add(new TrustAnchor(root, null)));
    this.anchors = Set.copyOf(set);
    this.crl = crl;
    this.crlFile = crlFile;
  }

  /**
   * Reads the trusted roots and, when {@code crlFile} is given and exists, the CRL.
   *
   * @throws PkiException when a file that exists cannot be read
   */
  static TrustMaterial read(Path caFile, @Nullable Path crlFile) throws PkiException {
    List<X509Certificate> roots = Pem.readCertificates(caFile);
    X509CRL crl = crlFile != null && Files.exists(crlFile) ? Pem.readCrl(crlFile) : null;
    return new TrustMaterial(roots, crl, crlFile);
  }

  List<X509Certificate> roots() {
    return roots;
  }

  Set<TrustAnchor> anchors() {
    return anchors;
  }

  @Nullable X509CRL crl() {
    return crl;
  }

  String crlSource() {
    return String.valueOf(crlFile);
  }

  /** {@return true the first time it is called, so a stale CRL is reported once, not per peer} */
  boolean firstStaleReport() {
    return staleCrlReported.compareAndSet(false, true);
  }
}
