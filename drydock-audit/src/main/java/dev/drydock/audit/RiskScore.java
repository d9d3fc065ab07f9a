package dev.drydock.audit;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import java.util.List;
import java.util.Locale;

/**
 * One container's risk, 0 (nothing found) to 100, as the sum of four capped parts. The formula is
 * documented in docs/audit.md ("Risk score"); a change here is a change there and in {@link
 * AuditJson#SCHEMA}.
 *
 * <pre>
 * exposure (max 40)         = 20 privileged + 20 Docker socket + 10 per sensitive host mount
 *                             + 5 per host namespace + 5 per dangerous capability
 *                             + 5 if a port is published beyond loopback
 * vulnerabilities (max 35)  = 10 critical + 4 high + 1 medium + 0.25 low (distinct IDs)
 *                             + 5 if the worst one has a fix (it is known how to attack and fix it)
 * misconfiguration (max 15) = 6 critical + 3 high + 1.5 medium + 0.5 low (failed CIS checks)
 * signature (max 10)        = 10 unsigned or refused, 4 signed for dev only, 0 prod or not checked
 * </pre>
 *
 * @param exposure the exposure part
 * @param vulnerabilities the vulnerability part
 * @param misconfiguration the runtime misconfiguration part
 * @param signature the signature part
 * @param total the rounded sum, 0 to 100
 */
public record RiskScore(
    double exposure, double vulnerabilities, double misconfiguration, double signature, int total) {

  static final double MAX_EXPOSURE = 40;
  static final double MAX_VULNERABILITIES = 35;
  static final double MAX_MISCONFIGURATION = 15;
  static final double MAX_SIGNATURE = 10;

  /** Validates the range. */
  public RiskScore {
    if (total < 0 || total > 100) {
      throw new IllegalArgumentException("A risk score is 0 to 100, not " + total);
    }
  }

  /** {@return the score of one container from its joined facts} */
  public static RiskScore of(
      Exposure exposure,
      VulnSummary vulns,
      List<Finding> misconfigurations,
      SignatureStatus signature) {
    double e = Math.min(MAX_EXPOSURE, exposurePart(exposure));
    double v = Math.min(MAX_VULNERABILITIES, vulnerabilityPart(vulns));
    double m = Math.min(MAX_MISCONFIGURATION, misconfigurationPart(misconfigurations));
    double s =
        switch (signature.state()) {
          case UNSIGNED -> MAX_SIGNATURE;
          case SIGNED_DEV -> 4;
          case SIGNED_PROD, NOT_CHECKED -> 0;
        };
    int total = (int) Math.round(Math.min(100, e + v + m + s));
    return new RiskScore(round1(e), round1(v), round1(m), s, total);
  }

  static double exposurePart(Exposure x) {
    return (x.privileged() ? 20 : 0)
        + (x.dockerSocket() ? 20 : 0)
        + 10.0 * x.sensitiveMounts().size()
        + 5.0 * x.hostNamespaces().size()
        + 5.0 * x.addedCapabilities().size()
        + (x.publicPort() ? 5 : 0);
  }

  static double vulnerabilityPart(VulnSummary v) {
    double sum =
        10.0 * v.count(Severity.CRITICAL)
            + 4.0 * v.count(Severity.HIGH)
            + 1.0 * v.count(Severity.MEDIUM)
            + 0.25 * v.count(Severity.LOW);
    Finding worst = v.worst();
    if (worst != null && "true".equals(worst.properties().get("fix_available"))) {
      sum += 5;
    }
    return sum;
  }

  static double misconfigurationPart(List<Finding> failures) {
    double sum = 0;
    for (Finding f : failures) {
      if (!f.isProblem()) {
        continue;
      }
      sum +=
          switch (f.severity()) {
            case CRITICAL -> 6;
            case HIGH -> 3;
            case MEDIUM -> 1.5;
            case LOW -> 0.5;
            case INFO, UNKNOWN -> 0;
          };
    }
    return sum;
  }

  /** {@return the qualitative level: critical (70+), high (40+), medium (20+), low (1+), none} */
  public String level() {
    if (total >= 70) {
      return "critical";
    }
    if (total >= 40) {
      return "high";
    }
    if (total >= 20) {
      return "medium";
    }
    return total > 0 ? "low" : "none";
  }

  private static double round1(double d) {
    return Math.round(d * 10) / 10.0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d (exposure %.1f + vulnerabilities %.1f + misconfiguration %.1f + signature %.1f)",
        total,
        exposure,
        vulnerabilities,
        misconfiguration,
        signature);
  }
}
