package dev.drydock.bench;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two audits of the same host: problems (fail or error) that appeared and
 * problems that went away, per check and object. Passing results whose wording changes (a count of
 * containers) are not changes.
 */
public final class BenchDiff {
  private BenchDiff() {}

  /** Whether a problem appeared or went away. */
  public enum Kind {
    /** A check now fails (or errors) for an object it did not fail for before. */
    NEW,
    /** A check that failed (or errored) for an object no longer does; the object may be gone. */
    RESOLVED
  }

  /**
   * One change.
   *
   * @param kind appeared or went away
   * @param finding the finding now (for {@code NEW}) or the finding before (for {@code RESOLVED})
   */
  public record Change(Kind kind, Finding finding) {
    /** Validates the fields. */
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(finding, "finding");
    }
  }

  /** {@return the changes from {@code before} to {@code after}, resolved ones first} */
  public static List<Change> between(Report before, Report after) {
    Map<String, Finding> was = problems(before);
    Map<String, Finding> now = problems(after);
    List<Change> changes = new ArrayList<>();
    was.forEach(
        (key, finding) -> {
          if (!now.containsKey(key)) {
            changes.add(new Change(Kind.RESOLVED, finding));
          }
        });
    now.forEach(
        (key, finding) -> {
          if (!was.containsKey(key)) {
            changes.add(new Change(Kind.NEW, finding));
          }
        });
    return List.copyOf(changes);
  }

  private static Map<String, Finding> problems(Report report) {
    Map<String, Finding> byKey = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      if (f.isProblem()) {
        byKey.putIfAbsent(f.ruleId() + "\u0000" + f.status() + "\u0000" + f.subject(), f);
      }
    }
    return byKey;
  }
}
