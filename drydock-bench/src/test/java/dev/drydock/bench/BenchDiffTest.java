package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchDiffTest {
  private static final CheckInfo PRIVILEGED =
      new CheckInfo(
          "5.5",
          "Ensure privileged containers are not used",
          1,
          true,
          Severity.CRITICAL,
          "1.6.0",
          "5.5",
          "Recreate without --privileged.");

  private static Report report(Finding... findings) {
    Instant t = Instant.parse("2026-12-04T00:00:00Z");
    return new Report("bench", "test", "unix:///x", t, t, List.of(findings));
  }

  @Test
  void newProblem_andResolvedProblem_areReported_passWordingIsNot() {
    Finding aFails =
        PRIVILEGED.finding(Status.FAIL, "container a (111)", "Privileged=true").build();
    Finding bFails =
        PRIVILEGED.finding(Status.FAIL, "container b (222)", "Privileged=true").build();
    Finding pass2 = PRIVILEGED.finding(Status.PASS, "all 2 containers", "").build();
    Finding pass3 = PRIVILEGED.finding(Status.PASS, "all 3 containers", "").build();

    List<BenchDiff.Change> changes =
        BenchDiff.between(report(aFails, pass2), report(bFails, pass3));

    assertThat(changes)
        .containsExactly(
            new BenchDiff.Change(BenchDiff.Kind.RESOLVED, aFails),
            new BenchDiff.Change(BenchDiff.Kind.NEW, bFails));
  }

  @Test
  void sameProblems_noChange() {
    Finding aFails =
        PRIVILEGED.finding(Status.FAIL, "container a (111)", "Privileged=true").build();
    assertThat(BenchDiff.between(report(aFails), report(aFails))).isEmpty();
  }

  @Test
  void failTurningIntoError_isBothResolvedAndNew() {
    Finding fails = PRIVILEGED.finding(Status.FAIL, "host", "x").build();
    Finding errs = PRIVILEGED.finding(Status.ERROR, "host", "daemon unreachable").build();
    assertThat(BenchDiff.between(report(fails), report(errs)))
        .extracting(BenchDiff.Change::kind)
        .containsExactly(BenchDiff.Kind.RESOLVED, BenchDiff.Kind.NEW);
  }
}
