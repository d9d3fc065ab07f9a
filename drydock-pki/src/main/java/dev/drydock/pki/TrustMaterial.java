package dev.drydock.pki;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The root certificates a TLS endpoint trusts, and the CRL it checks peers against. A CRL file that
 * was named but is missing or unreadable is not the same as no CRL: it leaves {@link #crlProblem()}
 * set, and peers are refused until the file is back, rather than no longer checked for revocation.
 */
final class TrustMaterial {
  private static final System.Logger LOG = System.getLogger(TrustMaterial.class.getName());

  private final List<X509Certificate> roots;
  private final Set<TrustAnchor> anchors;
  private final @Nullable X509CRL crl;
  private final @Nullable Path crlFile;
  private final @Nullable String crlProblem;
  private final AtomicBoolean staleCrlReported = new AtomicBoolean();

  private TrustMaterial(
      List<X509Certificate> roots,
      @Nullable X509CRL crl,
      @Nullable Path crlFile,
      @Nullable String crlProblem) {
    this.roots = List.copyOf(roots);
    Set<TrustAnchor> set = new LinkedHashSet<>();
    roots.forEach(root -> set.add(new TrustAnchor(root, null)));
    this.anchors = Set.copyOf(set);
    this.crl = crl;
    this.crlFile = crlFile;
    this.crlProblem = crlProblem;
  }

  /**
   * Reads the trusted roots and, when {@code crlFile} is given, the CRL. A CRL file that is missing
   * or cannot be read gives material that refuses every peer (see {@link #crlProblem()}).
   *
   * @throws PkiException when the roots cannot be read, or the CRL file is not a valid CRL (on a
   *     reload, {@link Reloadable} then keeps the previous CRL)
   */
  static TrustMaterial read(Path caFile, @Nullable Path crlFile) throws PkiException {
    List<X509Certificate> roots = Pem.readCertificates(caFile);
    if (crlFile == null) {
      return new TrustMaterial(roots, null, null, null);
    }
    byte[] pem;
    try {
      pem = Pem.readBytes(crlFile);
    } catch (IOException e) {
      String problem =
          "the CRL file "
              + crlFile
              + (e instanceof NoSuchFileException
                  ? " does not exist"
                  : " cannot be read (" + e.getMessage() + ")")
              + "; every peer is refused until it is back (publish a fresh CRL from the CA, e.g."
              + " with 'drydock pki crl', and copy it there)";
      LOG.log(Level.WARNING, problem);
      return new TrustMaterial(roots, null, crlFile, problem);
    }
    return new TrustMaterial(roots, Pem.parseCrl(crlFile, pem), crlFile, null);
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

  /**
   * {@return why the CRL named for this endpoint cannot be used, or null when it can or none is}
   */
  @Nullable String crlProblem() {
    return crlProblem;
  }

  String crlSource() {
    return String.valueOf(crlFile);
  }

  /** {@return true the first time it is called, so a stale CRL is reported once, not per peer} */
  boolean firstStaleReport() {
    return staleCrlReported.compareAndSet(false, true);
  }
}
