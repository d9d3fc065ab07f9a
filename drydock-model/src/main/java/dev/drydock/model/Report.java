package dev.drydock.model;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The findings of one run of one tool against one target, plus when it ran. Every report format
 * (table, JSON, SARIF, JUnit) renders this one value.
 *
 * @param tool the drydock command that produced it, e.g. {@code bench}
 * @param toolVersion drydock's version
 * @param target what was examined, e.g. {@code unix:///var/run/docker.sock}
 * @param started when the run began
 * @param finished when it ended; not before {@code started}
 * @param findings every result, in the order the tool produced them
 */
public record Report(
    String tool,
    String toolVersion,
    String target,
    Instant started,
    Instant finished,
    List<Finding> findings) {

  /** Validates and copies the findings. */
  public Report {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    if (finished.isBefore(started)) {
      throw new IllegalArgumentException(
          "A report cannot finish (" + finished + ") before it starts (" + started + ").");
    }
    findings = List.copyOf(findings);
  }

  /** {@return how long the run took} */
  public Duration duration() {
    return Duration.between(started, finished);
  }

  /** {@return how many findings have each status; every status is present, zero or more} */
  public Map<Status, Integer> countByStatus() {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    for (Finding f : findings) {
      counts.merge(f.status(), 1, Integer::sum);
    }
    return counts;
  }

  /** {@return how many problems (fail or error) have each severity; every severity is present} */
  public Map<Severity, Integer> problemsBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    for (Finding f : findings) {
      if (f.isProblem()) {
        counts.merge(f.severity(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** {@return the most severe problem's severity, or empty when there is no problem} */
  public Optional<Severity> worstProblem() {
    return findings.stream()
        .filter(Finding::isProblem)
        .map(Finding::severity)
        .max(Severity::compareTo);
  }
}
