package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock db update --from DIR} and {@code drydock db status}. */
class DbCommandTest {
  @TempDir Path home;

  private static String record(String id, String pkg, String fixed) {
    return String.format(
        java.util.Locale.ROOT,
        """
        {"schema_version": "1.6.0", "id": "%s", "modified": "2026-11-01T00:00:00Z",
         "aliases": ["CVE-2099-%s"],
         "affected": [{"package": {"ecosystem": "Maven", "name": "%s"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
        """,
        id,
        id.substring(id.length() - 4),
        pkg,
        fixed);
  }

  @Test
  void update_fromDirectory_thenStatus_thenIncremental() throws Exception {
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    Files.writeString(
        advisories.resolve("a.json"), record("DDT-2026-0001", "org.example:a", "1.2"));
    Files.writeString(
        advisories.resolve("b.json"), record("DDT-2026-0002", "org.example:b", "2.0"));
    Path data = home.resolve("data");
    Clock now = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);

    CliRun first =
        CliRun.run(
            home,
            new HashMap<>(),
            now,
            withData(data, "db", "update", "--from", advisories.toString()));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("2 records").contains("2 added");

    CliRun again =
        CliRun.run(
            home,
            new HashMap<>(),
            now,
            withData(data, "db", "update", "--from", advisories.toString()));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("0 added").contains("2 unchanged");

    CliRun status =
        CliRun.run(home, new HashMap<>(), now, withData(data, "db", "status", "--json"));
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("\"records\" : 2").contains("\"stale\" : false");

    Clock later = Clock.offset(now, Duration.ofDays(30));
    CliRun stale = CliRun.run(home, new HashMap<>(), later, withData(data, "db", "status"));
    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(stale.out()).contains("STALE").contains("drydock db update");
  }

  @Test
  void status_withoutDatabase_saysHowToGetOne() {
    CliRun r = CliRun.run(home, withData(home.resolve("empty"), "db", "status"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("drydock db update");
  }

  @Test
  void update_plainHttp_refusedWithoutAllowHttp() {
    CliRun r =
        CliRun.run(
            home,
            withData(home.resolve("d"), "db", "update", "--from", "http://127.0.0.1:9/all.zip"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).containsIgnoringCase("http");
  }
}
