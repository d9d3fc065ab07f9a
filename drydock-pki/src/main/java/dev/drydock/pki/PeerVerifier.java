package dev.drydock.pki;

import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Decides whether a TLS peer's certificate chain is trusted: a PKIX path to a trusted root, valid
 * now, for the right purpose, and not revoked. Fails closed: anything it cannot check is refused.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-6">RFC 5280, 6 path validation</a>
 */
final class PeerVerifier {
  private static final System.Logger LOG = System.getLogger(PeerVerifier.class.getName());

  private PeerVerifier() {}

  /**
   * Verifies {@code chain} (leaf first) for a peer of {@code kind}.
   *
   * @throws CertificateException saying why the peer is not trusted
   */
  static void verify(
      X509Certificate[] chain, CertificateKind kind, TrustMaterial trust, Instant now)
      throws CertificateException {
    if (chain.length == 0) {
      throw new CertificateException("the peer sent no certificate");
    }
    X509Certificate leaf = chain[0];
    List<X509Certificate> path = orderedPath(chain, trust);
    validatePath(leaf, path, trust, now);
    checkPurpose(leaf, kind);
    checkRevocation(leaf, issuerOf(leaf, path, trust), trust, now);
  }

  /** {@return the leaf then each issuer the peer sent, in order, stopping at a trusted root} */
  private static List<X509Certificate> orderedPath(X509Certificate[] chain, TrustMaterial trust) {
    List<X509Certificate> path = new ArrayList<>(List.of(chain[0]));
    List<X509Certificate> pool = new ArrayList<>(List.of(chain).subList(1, chain.length));
    while (path.size() < chain.length) {
      X500Principal issuer = path.getLast().getIssuerX500Principal();
      if (trust.roots().stream().anyMatch(r -> r.getSubjectX500Principal().equals(issuer))) {
        break;
      }
      X509Certificate next =
          pool.stream()
              .filter(c -> c.getSubjectX500Principal().equals(issuer))
              .findFirst()
              .orElse(null);
      if (next == null) {
        break;
      }
      pool.remove(next);
      path.add(next);
    }
    return path;
  }

  private static void validatePath(
      X509Certificate leaf, List<X509Certificate> path, TrustMaterial trust, Instant now)
      throws CertificateException {
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(trust.anchors());
      parameters.setRevocationEnabled(false); // checked below against drydock's own CRL
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      throw new CertificateException(
          describe(leaf) + " is not trusted: " + e.getMessage() + " (" + e.getReason() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot validate " + describe(leaf) + ": " + e, e);
    }
  }

  private static void checkPurpose(X509Certificate leaf, CertificateKind kind)
      throws CertificateException {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new CertificateException(describe(leaf) + " has an unreadable extended key usage", e);
    }
    if (usages == null || !usages.contains(kind.purposeOid())) {
      throw new CertificateException(
          describe(leaf)
              + " is not a TLS "
              + kind.name().toLowerCase(Locale.ROOT)
              + " certificate: its extended key usage lacks "
              + kind.purpose());
    }
  }

  private static X509Certificate issuerOf(
      X509Certificate leaf, List<X509Certificate> path, TrustMaterial trust)
      throws CertificateException {
    if (path.size() > 1) {
      return path.get(1);
    }
    return trust.roots().stream()
        .filter(r -> r.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()))
        .findFirst()
        .orElseThrow(() -> new CertificateException("no issuer for " + describe(leaf)));
  }

  private static void checkRevocation(
      X509Certificate leaf, X509Certificate issuer, TrustMaterial trust, Instant now)
      throws CertificateException {
    String problem = trust.crlProblem();
    if (problem != null) {
      // Fail closed: a CRL that was configured but vanished must not turn revocation off.
      throw new CertificateException(
          "cannot check whether " + describe(leaf) + " is revoked: " + problem);
    }
    X509CRL crl = trust.crl();
    if (crl == null) {
      return;
    }
    if (!crl.getIssuerX500Principal().equals(leaf.getIssuerX500Principal())) {
      throw new CertificateException(
          "cannot check whether "
              + describe(leaf)
              + " is revoked: the CRL "
              + trust.crlSource()
              + " is from "
              + crl.getIssuerX500Principal().getName());
    }
    checkCrlSignatureAndAge(crl, issuer, trust, now);
    X509CRLEntry entry = crl.getRevokedCertificate(leaf);
    if (entry != null) {
      CRLReason reason = entry.getRevocationReason();
      throw new CertificateRevokedException(
          entry.getRevocationDate(),
          reason == null ? CRLReason.UNSPECIFIED : reason,
          crl.getIssuerX500Principal(),
          Map.of());
    }
  }

  private static void checkCrlSignatureAndAge(
      X509CRL crl, X509Certificate issuer, TrustMaterial trust, Instant now)
      throws CertificateException {
    try {
      crl.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the CRL " + trust.crlSource() + " is not signed by " + issuer.getSubjectX500Principal(),
          e);
    }
    Date nextUpdate = crl.getNextUpdate();
    // A CRL past its nextUpdate still lists every serial revoked until then, so it is used
    // rather than refusing every peer because nobody published a fresh one.
    if (nextUpdate != null && nextUpdate.toInstant().isBefore(now) && trust.firstStaleReport()) {
      LOG.log(Level.WARNING, () -> "the CRL " + trust.crlSource() + " is out of date; publish one");
    }
  }

  static String describe(X509Certificate certificate) {
    return "certificate "
        + certificate.getSubjectX500Principal().getName()
        + " (serial "
        + new SerialNumber(certificate.getSerialNumber())
        + ")";
  }
}
