package dev.drydock.report;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.Locale;
import java.util.Optional;

/**
 * The CI gate behind {@code --fail-on}: a run "fails" when it has a problem (status fail or error)
 * at or above a severity. {@code none} never fails on findings; {@code fail} fails on any problem
 * whatever its severity; {@code warn} also fails on manual results that a check raised about an
 * object it examined (property {@code automated=true}, e.g. an image whose history shows an update
 * without install). Guidance-only checks, which are manual on every host, never trip it.
 *
 * @param threshold the least severity that fails the run; empty for {@code none}
 * @param manualTrips true when a manual result also fails the run ({@code warn})
 */
public record FailOn(Optional<Severity> threshold, boolean manualTrips) {

  /** Exit code: the run completed and no finding reached the threshold. */
  public static final int EXIT_OK = 0;

  /** Exit code: the run completed and at least one problem reached the threshold. */
  public static final int EXIT_FINDINGS = 1;

  /** Exit code: the command line was wrong. */
  public static final int EXIT_USAGE = 2;

  /** Exit code: the run could not complete (peer unreachable, I/O, verification error). */
  public static final int EXIT_ERROR = 3;

  /** {@return the gate that never fails on findings} */
  public static FailOn none() {
    return new FailOn(Optional.empty(), false);
  }

  /** {@return the gate that fails on problems at or above a severity} */
  public static FailOn atLeast(Severity severity) {
    return new FailOn(Optional.of(severity), false);
  }

  /**
   * Parses {@code none}, {@code fail}, {@code warn} or a severity name.
   *
   * @throws IllegalArgumentException naming the input and the accepted values
   */
  public static FailOn parse(String text) {
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "none" -> {
        return none();
      }
      case "fail" -> {
        return atLeast(Severity.INFO);
      }
      case "warn" -> {
        return new FailOn(Optional.of(Severity.INFO), true);
      }
      default -> {
        try {
          return atLeast(Severity.parse(text));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Unknown --fail-on value '"
                  + text
                  + "': use none, fail, warn, info, low, medium, high or critical.",
              e);
        }
      }
    }
  }

  /** {@return true when {@code finding} is a problem at or above the threshold} */
  public boolean trips(Finding finding) {
    if (manualTrips
        && finding.status() == Status.MANUAL
        && finding.properties().getOrDefault("automated", "false").equals("true")) {
      return true;
    }
    return threshold.isPresent()
        && finding.isProblem()
        && finding.severity().atLeast(threshold.get());
  }

  /** {@return {@link #EXIT_FINDINGS} when any finding trips the gate, else {@link #EXIT_OK}} */
  public int exitCode(Report report) {
    return report.findings().stream().anyMatch(this::trips) ? EXIT_FINDINGS : EXIT_OK;
  }

  @Override
  public String toString() {
    if (manualTrips) {
      return "warn";
    }
    return threshold.map(Severity::label).orElse("none");
  }
}
