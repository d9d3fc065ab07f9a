package dev.drydock.cli;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.CertificateRecord;
import dev.drydock.pki.CertificateStatus;
import dev.drydock.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock pki check}: audits the CA's health as a report of findings. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Audit drydock's CA: CA and leaf certificates expired or expiring, CRL freshness, CA key file permissions and encryption. Prints a report in any format; --fail-on for CI.")
final class PkiCheckCommand implements Callable<Integer> {
  private static final String REF = "https://www.rfc-editor.org/rfc/rfc5280";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin ReportOptions report = new ReportOptions();

  @Option(
      names = "--within",
      paramLabel = "DAYS",
      defaultValue = "30",
      description = "Flag certificates that expire within DAYS days (default: ${DEFAULT-VALUE}).")
  int withinDays = 30;

  @Override
  public Integer call() throws PkiException, IOException {
    Drydock root = global.root();
    Instant started = root.context().clock().instant();
    CertificateAuthority ca = PkiCommand.open(root);
    Instant now = root.context().clock().instant();
    if (withinDays < 0) {
      throw new CliException(
          "--within " + withinDays + ": give a number of days, 0 or more.",
          dev.drydock.report.FailOn.EXIT_USAGE);
    }
    Duration window = Duration.ofDays(withinDays);
    List<Finding> findings = new ArrayList<>();
    findings.add(caExpiry("root CA", ca.rootCertificate(), now, window.multipliedBy(3)));
    findings.add(caExpiry("issuing CA", ca.issuingCertificate(), now, window.multipliedBy(3)));
    List<CertificateRecord> records = ca.list();
    for (CertificateRecord r : records) {
      findings.add(leafExpiry(r, successor(r, records), now, window));
    }
    findings.add(CrlCheck.check(ca.crlFile(), ca.issuingCertificate(), records, now));
    for (String key : List.of("ca-key.pem", "issuing-key.pem")) {
      Path file = ca.directory().resolve(key);
      if (!Files.exists(file)) {
        findings.add(offlineKey(file));
        continue;
      }
      findings.add(keyPermissions(file));
      findings.add(keyEncrypted(file));
    }
    Instant finished = root.context().clock().instant();
    Report result =
        new Report(
            "pki-check",
            VersionInfo.load().version(),
            ca.directory().toString(),
            started,
            finished.isBefore(started) ? started : finished,
            findings);
    return ReportOutput.emit(result, report, root);
  }

  private static Finding caExpiry(String what, X509Certificate c, Instant now, Duration window) {
    Instant notAfter = c.getNotAfter().toInstant();
    Finding.Builder f =
        Finding.builder("pki-ca-expiry", "CA certificates are valid and not about to expire")
            .subject(what + " " + c.getSubjectX500Principal().getName())
            .property("section", "CA")
            .references(List.of(REF))
            .evidence("expires " + notAfter);
    if (!notAfter.isAfter(now)) {
      return f.status(Status.FAIL)
          .severity(Severity.CRITICAL)
          .remediation("The CA has expired: create a new CA and reissue every certificate.")
          .build();
    }
    if (notAfter.isBefore(now.plus(window))) {
      return f.status(Status.FAIL)
          .severity(Severity.HIGH)
          .remediation("Plan the CA rollover now: create a new CA and reissue certificates.")
          .build();
    }
    return f.status(Status.PASS).severity(Severity.HIGH).build();
  }

  /**
   * {@return a valid certificate of the same kind for the same subject issued after {@code r} (the
   * index lists certificates in issue order), if any}
   */
  private static java.util.Optional<CertificateRecord> successor(
      CertificateRecord r, List<CertificateRecord> records) {
    return records.subList(records.indexOf(r) + 1, records.size()).stream()
        .filter(o -> o.kind() == r.kind() && o.subject().equals(r.subject()))
        .filter(o -> o.status() == CertificateStatus.VALID)
        .findFirst();
  }

  private static Finding leafExpiry(
      CertificateRecord r,
      java.util.Optional<CertificateRecord> successor,
      Instant now,
      Duration window) {
    Finding.Builder f =
        Finding.builder("pki-cert-expiry", "Issued certificates are not expired or expiring")
            .subject(
                r.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + r.subject()
                    + " (serial "
                    + r.serial().hex()
                    + ")")
            .property("section", "Issued certificates")
            .evidence("expires " + r.notAfter())
            .remediation(
                "Issue a replacement with 'drydock pki issue' and deploy it;"
                    + " drydock servers pick up replaced files without a restart.");
    if (r.status() == CertificateStatus.REVOKED) {
      return f.status(Status.NOT_APPLICABLE)
          .severity(Severity.INFO)
          .evidence("revoked; listed in the CRL")
          .build();
    }
    if (successor.isPresent()) {
      return f.status(Status.NOT_APPLICABLE)
          .severity(Severity.INFO)
          .evidence(
              "superseded by serial "
                  + successor.get().serial().hex()
                  + "; revoke it with --reason superseded once it is no longer deployed")
          .build();
    }
    if (r.status() == CertificateStatus.EXPIRED || !r.notAfter().isAfter(now)) {
      return f.status(Status.FAIL).severity(Severity.MEDIUM).build();
    }
    if (r.notAfter().isBefore(now.plus(window))) {
      return f.status(Status.FAIL).severity(Severity.LOW).build();
    }
    return f.status(Status.PASS).severity(Severity.LOW).build();
  }

  /**
   * Keeping the root key offline is good practice. (A missing issuing key never gets here: the CA
   * does not open without it, and the command says so.)
   */
  private static Finding offlineKey(Path key) {
    return Finding.builder("pki-root-key-offline", "The root CA key may be kept offline")
        .subject(key.toString())
        .property("section", "CA")
        .severity(Severity.INFO)
        .status(Status.PASS)
        .evidence("root key kept offline")
        .build();
  }

  private static Finding keyPermissions(Path key) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
    boolean ok = OWNER_ONLY.containsAll(perms);
    return Finding.builder(
            "pki-key-permissions", "CA private keys are readable by their owner only")
        .subject(key.toString())
        .property("section", "CA")
        .severity(Severity.CRITICAL)
        .status(ok ? Status.PASS : Status.FAIL)
        .evidence("mode " + java.nio.file.attribute.PosixFilePermissions.toString(perms))
        .remediation("chmod 600 " + key)
        .build();
  }

  private static Finding keyEncrypted(Path key) throws IOException {
    String head;
    try (var reader = Files.newBufferedReader(key, StandardCharsets.US_ASCII)) {
      String line = reader.readLine();
      head = line == null ? "" : line;
    }
    boolean encrypted = head.contains("ENCRYPTED PRIVATE KEY");
    return Finding.builder("pki-key-encrypted", "CA private keys are encrypted at rest")
        .subject(key.toString())
        .property("section", "CA")
        .severity(Severity.LOW)
        .status(encrypted ? Status.PASS : Status.FAIL)
        .evidence(encrypted ? "encrypted PKCS#8" : "unencrypted PEM key")
        .remediation("Create the CA with a passphrase (drydock pki init --ask-passphrase).")
        .build();
  }
}
