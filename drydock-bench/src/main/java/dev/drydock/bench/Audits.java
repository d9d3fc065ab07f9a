package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ImageDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shapes sections 4 to 7 share: how objects are named in findings, and "one failure per
 * offending container, else one pass naming what was examined".
 */
final class Audits {
  private Audits() {}

  /** The benchmark version the checks follow. */
  static final String CIS_VERSION = CisIdMap.VERSION;

  static CheckInfo info(
      String id,
      String title,
      int level,
      boolean automated,
      Severity severity,
      String remediation) {
    return new CheckInfo(
        id,
        title,
        level,
        automated,
        severity,
        CIS_VERSION,
        CisIdMap.dockerBenchId(id),
        remediation);
  }

  /** {@return e.g. {@code container web (0123456789ab)}} */
  static String subject(ContainerDetails c) {
    return "container " + c.name() + " (" + shortId(c.id()) + ")";
  }

  /**
   * {@return e.g. {@code image debian:12 (0123456789ab)}, or {@code <none>} for an untagged one}
   */
  static String subject(ImageDetails image) {
    String tag = image.repoTags().isEmpty() ? "<none>" : image.repoTags().getFirst();
    return "image " + tag + " (" + shortId(image.id()) + ")";
  }

  /** {@return the first 12 hex digits of an ID, without its {@code sha256:} prefix} */
  static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    return hex.length() <= 12 ? hex : hex.substring(0, 12);
  }

  /** {@return e.g. {@code all 12 containers}} */
  static String examined(int count, String noun) {
    String plural = count == 1 ? noun : noun + "s";
    return count == 1 ? "the only " + plural : "all " + count + " " + plural;
  }

  /**
   * Evaluates a rule against every container: one FAIL per container the rule finds a violation in
   * (its evidence being the observed value), else one PASS naming how many were examined; NOT
   * APPLICABLE when the daemon has no container.
   */
  static List<Finding> perContainer(
      CheckInfo info, BenchContext context, Function<ContainerDetails, Optional<String>> rule)
      throws BenchException {
    List<ContainerDetails> containers = context.engine().containers();
    if (containers.isEmpty()) {
      return List.of(noContainers(info));
    }
    List<Finding> failures = new ArrayList<>();
    for (ContainerDetails c : containers) {
      rule.apply(c)
          .ifPresent(
              evidence -> failures.add(info.finding(Status.FAIL, subject(c), evidence).build()));
    }
    if (!failures.isEmpty()) {
      return failures;
    }
    return List.of(
        info.finding(
                Status.PASS,
                "containers",
                examined(containers.size(), "container") + " (running or not) examined")
            .build());
  }

  static Finding noContainers(CheckInfo info) {
    return info.finding(Status.NOT_APPLICABLE, "containers", "the daemon has no containers")
        .build();
  }

  /** {@return one MANUAL finding about the daemon with guidance as evidence} */
  static List<Finding> manual(CheckInfo info, String subject, String evidence) {
    return List.of(info.finding(Status.MANUAL, subject, evidence).build());
  }

  /**
   * {@return MANUAL findings for a guidance-only check: one per container that has something to
   * review (the evidence), or one naming what was examined when none has}
   */
  static List<Finding> manualPerContainer(
      CheckInfo info,
      BenchContext context,
      Function<ContainerDetails, Optional<String>> toReview,
      String nothing)
      throws BenchException {
    List<ContainerDetails> containers = context.engine().containers();
    if (containers.isEmpty()) {
      return List.of(noContainers(info));
    }
    List<Finding> out = new ArrayList<>();
    for (ContainerDetails c : containers) {
      toReview.apply(c).ifPresent(e -> out.add(info.finding(Status.MANUAL, subject(c), e).build()));
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.MANUAL,
                  "containers",
                  examined(containers.size(), "container") + " examined: " + nothing)
              .build());
    }
    return out;
  }
}
