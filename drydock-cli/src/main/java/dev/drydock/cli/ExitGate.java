package dev.drydock.cli;

import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.report.FailOn;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The exit code of {@code drydock scan}: {@code --fail-on} says which findings trip the gate and
 * {@code --exit-code} what to exit with then (Trivy's model).
 *
 * <table>
 *   <caption>How the options combine</caption>
 *   <tr><th>--fail-on</th><th>--exit-code</th><th>exits with</th></tr>
 *   <tr><td>-</td><td>-</td><td>0 (findings never fail the run; the default)</td></tr>
 *   <tr><td>GATE</td><td>-</td><td>1 when a finding trips GATE</td></tr>
 *   <tr><td>-</td><td>N</td><td>N when a reported problem is at least {@code --severity}</td></tr>
 *   <tr><td>GATE</td><td>N</td><td>N when a finding trips GATE</td></tr>
 * </table>
 *
 * <p>{@code --exit-code 0} never fails; 2 and 3 are refused because they mean a usage error and a
 * run that could not complete.
 *
 * @param failOn which findings trip the gate
 * @param code the exit code when they do
 */
record ExitGate(FailOn failOn, int code) {
  /** Exit codes above this are refused: shells report signals as 128+n. */
  static final int MAX_CODE = 125;

  ExitGate {
    Objects.requireNonNull(failOn, "failOn");
  }

  /**
   * {@return the gate for the command line}
   *
   * @param failOn {@code --fail-on}, or null when not given
   * @param exitCode {@code --exit-code}, or null when not given
   * @param severity {@code --severity}, the gate when only {@code --exit-code} is given
   */
  static ExitGate of(@Nullable FailOn failOn, @Nullable Integer exitCode, Severity severity) {
    if (exitCode == null) {
      return new ExitGate(failOn == null ? FailOn.none() : failOn, FailOn.EXIT_FINDINGS);
    }
    int n = exitCode;
    if (n < 0 || n > MAX_CODE || n == FailOn.EXIT_USAGE || n == FailOn.EXIT_ERROR) {
      throw new CliException(
          "--exit-code "
              + n
              + " is not allowed: use 0 (never fail), 1, or 4 to "
              + MAX_CODE
              + " (2 means a usage error and 3 a run that could not complete).",
          FailOn.EXIT_USAGE);
    }
    if (n == FailOn.EXIT_OK) {
      return new ExitGate(FailOn.none(), FailOn.EXIT_FINDINGS);
    }
    return new ExitGate(failOn == null ? FailOn.atLeast(severity) : failOn, n);
  }

  /** {@return {@link #code()} when a finding of {@code report} trips the gate, else 0} */
  int exitCode(Report report) {
    return failOn.exitCode(report) == FailOn.EXIT_OK ? FailOn.EXIT_OK : code;
  }
}
