package dev.drydock.audit;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An image's vulnerabilities in numbers: distinct vulnerability IDs by severity, how many have a
 * fix, and the worst one.
 *
 * @param bySeverity distinct vulnerabilities per severity; every severity is present
 * @param fixable how many distinct vulnerabilities have a fixed version
 * @param worst the most severe vulnerability (highest CVSS score among equals), or null when there
 *     is none
 */
public record VulnSummary(Map<Severity, Integer> bySeverity, int fixable, @Nullable Finding worst) {
  /** Copies the counts. */
  public VulnSummary {
    Map<Severity, Integer> copy = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      copy.put(s, bySeverity.getOrDefault(s, 0));
    }
    bySeverity = Collections.unmodifiableMap(copy);
    if (fixable < 0) {
      throw new IllegalArgumentException("fixable must not be negative: " + fixable);
    }
  }

  /** {@return the summary of nothing} */
  public static VulnSummary empty() {
    return new VulnSummary(Map.of(), 0, null);
  }

  /**
   * Summarises vulnerability findings (one per package and vulnerability): a vulnerability found in
   * two packages counts once, at its highest severity.
   */
  public static VulnSummary of(List<Finding> vulnerabilities) {
    Map<String, Finding> byId = new java.util.LinkedHashMap<>();
    for (Finding f : vulnerabilities) {
      if (!f.isProblem()) {
        continue; // suppressed
      }
      byId.merge(f.ruleId(), f, (a, b) -> rank(b) > rank(a) ? b : a);
    }
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    Set<String> fixed = new HashSet<>();
    Finding worst = null;
    for (Finding f : byId.values()) {
      counts.merge(f.severity(), 1, Integer::sum);
      if (Objects.equals(f.properties().get("fix_available"), "true")) {
        fixed.add(f.ruleId());
      }
      if (worst == null || rank(f) > rank(worst)) {
        worst = f;
      }
    }
    return new VulnSummary(counts, fixed.size(), worst);
  }

  /** {@return the number of distinct vulnerabilities} */
  public int total() {
    return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@return the count for one severity} */
  public int count(Severity severity) {
    return bySeverity.getOrDefault(severity, 0);
  }

  /** Severity first, then the CVSS score, so that of two criticals the 9.8 wins. */
  private static double rank(Finding f) {
    double cvss = 0;
    try {
      cvss = Double.parseDouble(f.properties().getOrDefault("cvss_score", "0"));
    } catch (NumberFormatException e) {
      cvss = 0;
    }
    int level =
        switch (f.severity()) {
          case INFO -> 0;
          case UNKNOWN -> 1;
          case LOW -> 2;
          case MEDIUM -> 3;
          case HIGH -> 4;
          case CRITICAL -> 5;
        };
    return level * 100.0 + cvss;
  }
}
