package dev.drydock.audit;

import java.util.Objects;

/**
 * A part of the audit that did not run, and why: the report states it instead of silently showing
 * less.
 *
 * @param area which part, e.g. {@code vulnerabilities}
 * @param reason why it did not run
 * @param remedy what to do so that it runs next time; may be empty
 */
public record Skipped(String area, String reason, String remedy) {
  /** Rejects nulls. */
  public Skipped {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(remedy, "remedy");
  }
}
