package dev.drydock.cli;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.pki.CertificateRecord;
import dev.drydock.pki.CertificateStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@code pki-crl-fresh} check: the published CRL exists, was signed by this CA's issuing
 * certificate, is not past its next update, and lists every certificate the index says is revoked
 * (a CRL copied from another CA or restored from an old backup fails).
 */
final class CrlCheck {
  private CrlCheck() {}

  static Finding check(
      Path crlFile, X509Certificate issuing, List<CertificateRecord> records, Instant now) {
    Finding.Builder f =
        Finding.builder("pki-crl-fresh", "A current CRL from this CA is published")
            .subject(crlFile.toString())
            .property("section", "CA")
            .severity(Severity.HIGH)
            .remediation("Run 'drydock pki crl' (daily, e.g. from cron) to publish a fresh CRL.");
    if (!Files.exists(crlFile)) {
      return f.status(Status.FAIL).severity(Severity.MEDIUM).evidence("no CRL published").build();
    }
    X509CRL crl;
    try (InputStream in = Files.newInputStream(crlFile)) {
      crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      return f.status(Status.ERROR).evidence("cannot read the CRL: " + e.getMessage()).build();
    }
    String problem = problem(crl, issuing, records, now);
    if (!problem.isEmpty()) {
      return f.status(Status.FAIL).evidence(problem).build();
    }
    Date next = crl.getNextUpdate();
    return f.status(Status.PASS)
        .evidence("signed by this CA; next update due " + (next == null ? "?" : next.toInstant()))
        .build();
  }

  private static String problem(
      X509CRL crl, X509Certificate issuing, List<CertificateRecord> records, Instant now) {
    if (!crl.getIssuerX500Principal().equals(issuing.getSubjectX500Principal())) {
      return "issued by " + crl.getIssuerX500Principal().getName() + ", not by this CA";
    }
    try {
      crl.verify(issuing.getPublicKey());
    } catch (GeneralSecurityException e) {
      return "its signature does not verify with this CA's issuing certificate";
    }
    Date next = crl.getNextUpdate();
    if (next == null || !next.toInstant().isAfter(now)) {
      return "next update was due " + (next == null ? "(none set)" : next.toInstant());
    }
    for (CertificateRecord r : records) {
      if (r.status() == CertificateStatus.REVOKED
          && crl.getRevokedCertificate(r.serial().value()) == null) {
        return "does not list revoked certificate " + r.serial().hex() + " (" + r.subject() + ")";
      }
    }
    return "";
  }
}
