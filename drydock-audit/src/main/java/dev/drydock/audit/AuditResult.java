package dev.drydock.audit;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one audit found: the raw results of each part, the images, the ranked containers, and
 * what was skipped.
 *
 * @param toolVersion drydock's version
 * @param target the audited daemon's address
 * @param started when the audit began
 * @param finished when it ended
 * @param inUse true when only the images of existing containers were scanned
 * @param bench the CIS benchmark's report (no findings when it did not run)
 * @param host the host patch status report (no findings when it did not run)
 * @param hostVulnerabilities the host's installed packages with known vulnerabilities
 * @param images the scanned images, in the daemon's order
 * @param containers the containers, riskiest first
 * @param skipped the parts that did not run, and why
 * @param database the vulnerability database used, e.g. its directory and age; empty when none
 * @param trust the trust policy used; empty when none
 */
public record AuditResult(
    String toolVersion,
    String target,
    Instant started,
    Instant finished,
    boolean inUse,
    Report bench,
    Report host,
    List<Finding> hostVulnerabilities,
    List<ImageResult> images,
    List<ContainerRisk> containers,
    List<Skipped> skipped,
    String database,
    String trust) {

  /** Copies and validates. */
  public AuditResult {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(bench, "bench");
    Objects.requireNonNull(host, "host");
    hostVulnerabilities = List.copyOf(hostVulnerabilities);
    images = List.copyOf(images);
    containers = List.copyOf(containers);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(trust, "trust");
  }

  /** {@return the area scores, overall first} */
  public List<AreaScore> areas() {
    return Areas.of(this);
  }

  /** {@return every problem finding of the audit, for severity counts} */
  public List<Finding> problems() {
    return toReport().findings().stream().filter(Finding::isProblem).toList();
  }

  /**
   * {@return the audit as one report for the machine formats (SARIF, JUnit) and {@code --fail-on}}:
   * the benchmark, the host patch status, host and image vulnerabilities, images the policy
   * refuses, and one finding per container at medium risk or more
   */
  public Report toReport() {
    List<Finding> all = new ArrayList<>();
    all.addAll(bench.findings());
    all.addAll(host.findings());
    all.addAll(hostVulnerabilities);
    for (ImageResult i : images) {
      all.addAll(i.vulnerabilities());
      if (i.signature().state() == SignatureStatus.State.UNSIGNED) {
        all.add(
            Finding.builder(
                    "audit-unsigned-image", "Image is not signed as the trust policy requires")
                .severity(Severity.HIGH)
                .status(Status.FAIL)
                .subject("image " + i.name())
                .evidence(i.signature().detail())
                .remediation(
                    "Sign the image's pushed digest with a key the policy accepts ('drydock sign'),"
                        + " or stop running it.")
                .property("section", "signatures")
                .build());
      }
    }
    for (ContainerRisk c : containers) {
      Severity severity =
          switch (c.score().level()) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            default -> Severity.LOW;
          };
      all.add(
          Finding.builder("audit-container-risk", "Container risk score")
              .severity(severity)
              .status(c.score().total() >= 20 ? Status.FAIL : Status.PASS)
              .subject(c.subject())
              .evidence("risk " + c.score() + " for image " + c.image())
              .remediation(
                  c.score().total() >= 20
                      ? "Reduce its exposure, rebuild its image on fixed packages and fix its"
                          + " runtime settings; see the audit report's container section."
                      : "")
              .property("section", "containers")
              .property("risk", Integer.toString(c.score().total()))
              .build());
    }
    for (Skipped s : skipped) {
      all.add(
          Finding.builder("audit-skipped", "Part of the audit did not run")
              .severity(Severity.INFO)
              .status(Status.MANUAL)
              .subject(s.area())
              .evidence(s.reason())
              .remediation(s.remedy())
              .property("section", "skipped")
              .build());
    }
    return new Report("audit", toolVersion, target, started, finished, all);
  }
}
