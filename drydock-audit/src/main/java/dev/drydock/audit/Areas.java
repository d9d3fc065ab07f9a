package dev.drydock.audit;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Computes the area scores of a result; the formulas are in docs/audit.md ("Area scores"). */
final class Areas {
  private Areas() {}

  static List<AreaScore> of(AuditResult r) {
    List<AreaScore> out = new ArrayList<>();
    out.add(cis(r));
    out.add(host(r));
    out.add(images(r));
    out.add(containers(r));
    out.add(signatures(r));
    List<Integer> assessed =
        out.stream().map(AreaScore::score).filter(java.util.Objects::nonNull).toList();
    Integer overall =
        assessed.isEmpty()
            ? null
            : (int) Math.round(assessed.stream().mapToInt(Integer::intValue).average().orElse(0));
    out.addFirst(
        new AreaScore(
            "overall",
            "Overall",
            overall,
            assessed.isEmpty()
                ? "no area was assessed"
                : "mean of the " + assessed.size() + " assessed areas"));
    return List.copyOf(out);
  }

  /** Penalty points of a set of problems: 10 critical, 4 high, 1 medium, 0.25 low. */
  static double penalty(int critical, int high, int medium, int low) {
    return 10.0 * critical + 4.0 * high + medium + 0.25 * low;
  }

  private static int clamp(double score) {
    return (int) Math.round(Math.max(0, Math.min(100, score)));
  }

  private static AreaScore cis(AuditResult r) {
    int pass = 0;
    int problems = 0;
    for (Finding f : r.bench().findings()) {
      if (f.status() == Status.PASS) {
        pass++;
      } else if (f.isProblem()) {
        problems++;
      }
    }
    if (pass + problems == 0) {
      return new AreaScore("cis", "CIS benchmark", null, "the benchmark did not run");
    }
    return new AreaScore(
        "cis",
        "CIS benchmark",
        clamp(100.0 * pass / (pass + problems)),
        String.format(
            Locale.ROOT,
            "%d passed of %d decided results (manual and n/a left out)",
            pass,
            pass + problems));
  }

  private static AreaScore host(AuditResult r) {
    if (r.host().findings().isEmpty()) {
      return new AreaScore("host", "Host patches", null, "the host patch status did not run");
    }
    Map<Severity, Integer> c = new EnumMap<>(Severity.class);
    for (Finding f : r.host().findings()) {
      if (f.isProblem()) {
        c.merge(f.severity(), 1, Integer::sum);
      }
    }
    VulnSummary v = VulnSummary.of(r.hostVulnerabilities());
    double p =
        penalty(
            c.getOrDefault(Severity.CRITICAL, 0) + v.count(Severity.CRITICAL),
            c.getOrDefault(Severity.HIGH, 0) + v.count(Severity.HIGH),
            c.getOrDefault(Severity.MEDIUM, 0) + v.count(Severity.MEDIUM),
            c.getOrDefault(Severity.LOW, 0) + v.count(Severity.LOW));
    return new AreaScore(
        "host",
        "Host patches",
        clamp(100 - p),
        String.format(
            Locale.ROOT,
            "100 minus %.1f penalty points (pending upgrades and %d known vulnerabilities)",
            p,
            v.total()));
  }

  private static AreaScore images(AuditResult r) {
    List<ImageResult> scanned = r.images().stream().filter(i -> i.error() == null).toList();
    if (scanned.isEmpty()) {
      return new AreaScore("images", "Images", null, "no image was scanned");
    }
    if (r.database().isEmpty()) {
      return new AreaScore(
          "images", "Images", null, "no vulnerability database, so no image was matched");
    }
    double sum = 0;
    for (ImageResult i : scanned) {
      VulnSummary v = i.summary();
      sum +=
          100
              - Math.min(
                  100,
                  penalty(
                      v.count(Severity.CRITICAL),
                      v.count(Severity.HIGH),
                      v.count(Severity.MEDIUM),
                      v.count(Severity.LOW)));
    }
    return new AreaScore(
        "images",
        "Images",
        clamp(sum / scanned.size()),
        "mean over " + scanned.size() + " images of 100 minus their vulnerability penalty");
  }

  private static AreaScore containers(AuditResult r) {
    if (r.containers().isEmpty()) {
      return new AreaScore("containers", "Containers", null, "no container to assess");
    }
    double mean = r.containers().stream().mapToInt(c -> c.score().total()).average().orElse(0);
    return new AreaScore(
        "containers",
        "Containers",
        clamp(100 - mean),
        String.format(
            Locale.ROOT,
            "100 minus the mean risk %.1f of %d containers",
            mean,
            r.containers().size()));
  }

  private static AreaScore signatures(AuditResult r) {
    List<ImageResult> checked =
        r.images().stream()
            .filter(i -> i.signature().state() != SignatureStatus.State.NOT_CHECKED)
            .toList();
    if (checked.isEmpty()) {
      return new AreaScore(
          "signatures",
          "Signatures",
          null,
          "not checked: no trust policy is configured (--policy)");
    }
    double points = 0;
    for (ImageResult i : checked) {
      points +=
          switch (i.signature().state()) {
            case SIGNED_PROD -> 1.0;
            case SIGNED_DEV -> 0.5;
            case UNSIGNED, NOT_CHECKED -> 0;
          };
    }
    return new AreaScore(
        "signatures",
        "Signatures",
        clamp(100 * points / checked.size()),
        "share of " + checked.size() + " images signed for prod (dev counts half)");
  }
}
