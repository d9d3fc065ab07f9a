package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.AuditLog;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.Operation;
import dev.drydock.registry.EcsAudit;
import dev.drydock.registry.JdbcDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuditCommandTest {
  private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");
  private static final Digest DIGEST = Digest.parse("sha256:" + "0123456789abcdef".repeat(4));

  @TempDir Path home;
  RegistryAdminRun cli;

  @BeforeEach
  void seed() throws Exception {
    cli = new RegistryAdminRun(home, home.resolve("data"), Clock.fixed(NOW, ZoneOffset.UTC));
    try (JdbcDatabase db = cli.database()) {
      AuditLog log = db.auditLog();
      log.record(
          new AuditEvent(
              NOW.minus(Duration.ofHours(3)),
              Operation.LOGIN,
              "mallory",
              null,
              null,
              null,
              "192.0.2.7:51000",
              false,
              "auth",
              "wrong password"));
      log.record(
          new AuditEvent(
              NOW.minus(Duration.ofMinutes(30)),
              Operation.PUSH,
              "alice",
              "apps/web",
              "1.0",
              DIGEST,
              "[2001:db8::1]:443",
              true,
              null,
              null));
      log.record(
          new AuditEvent(
              NOW.minus(Duration.ofMinutes(10)),
              Operation.PULL,
              "robot$apps+ci",
              "apps/web",
              DIGEST.toString(),
              DIGEST,
              "10.0.0.5:40000",
              false,
              "trust:prod",
              "no valid prod signature"));
    }
  }

  @Test
  void tableShowsEveryColumnLatestLast() {
    String out = cli.ok("audit");
    List<String> lines = out.strip().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.getFirst())
        .contains("TIME", "OPERATION", "PRINCIPAL", "REPOSITORY", "REMOTE", "OUTCOME");
    assertThat(lines.get(1))
        .contains("2026-12-05T01:00:00Z", "login", "mallory", "192.0.2.7:51000", "denied")
        .contains("auth: wrong password");
    assertThat(lines.get(2)).contains("push", "alice", "apps/web", "1.0@sha256:0123456789ab");
    assertThat(lines.get(2)).doesNotContain(DIGEST.hex());
    assertThat(lines.get(3))
        .contains("pull", "robot$apps+ci", "sha256:0123456789ab ", "denied")
        .contains("trust:prod: no valid prod signature");
  }

  @Test
  void filtersNarrowTheTrail() {
    assertThat(cli.ok("audit", "--denied").strip().lines()).hasSize(3);
    assertThat(cli.ok("audit", "--allowed")).contains("alice").doesNotContain("mallory");
    assertThat(cli.ok("audit", "--since", "1h").strip().lines()).hasSize(3);
    assertThat(cli.ok("audit", "--until", "1h")).contains("mallory").doesNotContain("alice");
    assertThat(cli.ok("audit", "--since", "2026-12-05T03:45:00Z"))
        .contains("robot$apps+ci")
        .doesNotContain("alice");
    assertThat(cli.ok("audit", "--user", "alice").strip().lines()).hasSize(2);
    assertThat(cli.ok("audit", "--operation", "PULL"))
        .contains("robot$apps+ci")
        .doesNotContain("alice");
    assertThat(cli.ok("audit", "--repository", "apps/web", "--limit", "1").strip().lines())
        .hasSize(2);
  }

  @Test
  void jsonIsOneEcsEventPerLine() {
    String out = cli.ok("audit", "--json");
    List<String> lines = out.strip().lines().toList();
    assertThat(lines).hasSize(3);
    EcsAudit ecs = new EcsAudit();
    AuditEvent pull = ecs.parse(lines.get(2));
    assertThat(pull.principal()).isEqualTo("robot$apps+ci");
    assertThat(pull.digest()).isEqualTo(DIGEST);
    assertThat(pull.allowed()).isFalse();
    assertThat(lines.get(0)).contains("\"@timestamp\":\"2026-12-05T01:00:00Z\"");
  }

  @Test
  void adminChangesAppearInTheTrail() {
    cli.ok("project", "create", "apps");
    String out = cli.ok("audit", "--operation", "admin");
    assertThat(out).contains("admin", "cli:tester", "allowed", "project create apps private");
    assertThat(out.strip().lines()).hasSize(2);
  }

  @Test
  void badFiltersAreUsageErrors() {
    String[][] bad = {
      {"audit", "--denied", "--allowed"},
      {"audit", "--limit", "0"},
      {"audit", "--since", "last tuesday"},
      {"audit", "--operation", "read"},
      {"audit", "--since", "1h", "--until", "2h"},
    };
    String[] expected = {
      "not both", "--limit 0", "--since last tuesday", "--operation read", "is not before"
    };
    for (int i = 0; i < bad.length; i++) {
      CliRun r = cli.run(bad[i]);
      assertThat(r.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad[i])).contains(expected[i]);
    }
  }
}
