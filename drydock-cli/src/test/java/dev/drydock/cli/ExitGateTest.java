package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.report.FailOn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitGateTest {
  private static final Instant T = Instant.parse("2026-12-05T00:00:00Z");

  private static Report report(Severity... severities) {
    List<Finding> findings =
        java.util.Arrays.stream(severities)
            .map(
                s ->
                    Finding.builder("CVE-" + s, "t")
                        .severity(s)
                        .status(Status.FAIL)
                        .subject("p 1")
                        .build())
            .toList();
    return new Report("scan", "0", "img", T, T, findings);
  }

  @Test
  void default_neverFails() {
    ExitGate gate = ExitGate.of(null, null, Severity.INFO);
    assertThat(gate.exitCode(report(Severity.CRITICAL))).isZero();
  }

  @Test
  void failOnAlone_exitsOne() {
    ExitGate gate = ExitGate.of(FailOn.atLeast(Severity.HIGH), null, Severity.INFO);
    assertThat(gate.exitCode(report(Severity.MEDIUM))).isZero();
    assertThat(gate.exitCode(report(Severity.MEDIUM, Severity.HIGH))).isEqualTo(1);
  }

  @Test
  void exitCodeAlone_gatesOnTheSeverityFilter() {
    ExitGate any = ExitGate.of(null, 5, Severity.INFO);
    assertThat(any.exitCode(report(Severity.LOW))).isEqualTo(5);
    assertThat(any.exitCode(report())).isZero();
    ExitGate critical = ExitGate.of(null, 7, Severity.CRITICAL);
    assertThat(critical.exitCode(report(Severity.HIGH))).isZero();
    assertThat(critical.exitCode(report(Severity.CRITICAL))).isEqualTo(7);
  }

  @Test
  void both_theGateFromFailOn_theCodeFromExitCode() {
    ExitGate gate = ExitGate.of(FailOn.atLeast(Severity.CRITICAL), 9, Severity.INFO);
    assertThat(gate.exitCode(report(Severity.HIGH))).isZero();
    assertThat(gate.exitCode(report(Severity.CRITICAL))).isEqualTo(9);
  }

  @Test
  void zero_neverFails_andReservedCodesAreRefused() {
    assertThat(
            ExitGate.of(FailOn.atLeast(Severity.LOW), 0, Severity.INFO)
                .exitCode(report(Severity.CRITICAL)))
        .isZero();
    for (int bad : new int[] {-1, 2, 3, 126, 255}) {
      assertThatThrownBy(() -> ExitGate.of(null, bad, Severity.INFO))
          .as("--exit-code " + bad)
          .isInstanceOfSatisfying(
              CliException.class, e -> assertThat(e.exitCode()).isEqualTo(FailOn.EXIT_USAGE))
          .hasMessageContaining("--exit-code " + bad);
    }
    assertThat(ExitGate.of(null, 125, Severity.INFO).code()).isEqualTo(125);
  }
}
