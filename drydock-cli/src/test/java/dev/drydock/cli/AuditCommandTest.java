package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.audit.AuditResult;
import dev.drydock.model.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock audit} argument handling that needs no Docker engine. */
class AuditCommandTest {
  @TempDir Path home;

  @Test
  void unknownFormat_isAUsageError() {
    CliRun r = CliRun.run(home, "audit", "--format", "pdf");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown --format 'pdf'").contains("html, json, sarif or junit");
  }

  @Test
  void parallelOutOfRange_isAUsageError() {
    CliRun r = CliRun.run(home, "audit", "--parallel", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--parallel must be 1 to 16");
  }

  @Test
  void baselineThatIsNotAnAuditReport_isRefusedBeforeTheAudit() throws Exception {
    Path scan = home.resolve("scan.json");
    Files.writeString(scan, "{\"schema\":\"drydock-report/v1\",\"findings\":[]}");
    CliRun r =
        CliRun.run(home, "audit", "--baseline", scan.toString(), "-H", "unix:///nonexistent.sock");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("not a drydock-audit/v1 report");
    CliRun missing = CliRun.run(home, "audit", "--baseline", home.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("is not a file");
  }

  @Test
  void unreachableDaemon_failsWithTheAddress() {
    CliRun r = CliRun.run(home, "audit", "-H", "unix://" + home.resolve("none.sock"), "-o", "-");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("Cannot reach the Docker engine").contains("none.sock");
  }

  @Test
  void defaultFileName_carriesTheStartTimeAndFormat() {
    Instant t = Instant.parse("2026-12-05T01:30:07.5Z");
    AuditResult r =
        new AuditResult(
            "1",
            "unix:///x",
            t,
            t,
            false,
            new Report("bench", "1", "x", t, t, List.of()),
            new Report("host", "1", "x", t, t, List.of()),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "",
            "");
    assertThat(AuditRender.defaultName(r, AuditCommand.AuditFormat.HTML))
        .isEqualTo("drydock-audit-20261205-013007.html");
    assertThat(AuditRender.defaultName(r, AuditCommand.AuditFormat.JUNIT))
        .isEqualTo("drydock-audit-20261205-013007.xml");
  }

  @Test
  void progressBar_namesThePhaseAndTheImage() {
    java.io.StringWriter out = new java.io.StringWriter();
    TerminalProgress progress =
        new TerminalProgress(new java.io.PrintWriter(out, true), true, () -> 0L);
    AuditProgressBar bar = new AuditProgressBar(progress);
    bar.phase("images", 4);
    bar.advance("debian:12");
    bar.advance("busybox:1");
    progress.done();
    assertThat(out.toString()).contains("drydock: images debian:12").contains("2/4");
  }
}
