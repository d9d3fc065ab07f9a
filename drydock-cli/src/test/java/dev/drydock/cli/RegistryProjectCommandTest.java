package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.Severity;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.AuditQuery;
import dev.drydock.registry.FileMetadataStore;
import dev.drydock.registry.JdbcDatabase;
import dev.drydock.registry.PasswordHasher;
import dev.drydock.registry.Role;
import dev.drydock.registry.SecurityStore;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryProjectCommandTest {
  private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");

  @TempDir Path home;
  RegistryAdminRun cli;

  @BeforeEach
  void setUp() {
    cli = new RegistryAdminRun(home, home.resolve("data"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Project project(String name) throws Exception {
    try (JdbcDatabase db = cli.database()) {
      return Objects.requireNonNull(db.securityStore().project(name));
    }
  }

  @Test
  void createListSetAndRemoveProjects() throws Exception {
    assertThat(cli.ok("project", "create", "dev")).contains("Created project dev: private");
    assertThat(project("dev")).isEqualTo(new Project("dev", false, ProjectPolicy.NONE, -1));

    cli.ok("project", "create", "prod", "--prod", "--public", "--quota", "10GiB");
    assertThat(project("prod")).isEqualTo(new Project("prod", true, ProjectPolicy.PROD, 10L << 30));
    // Flags override the preset.
    cli.ok(
        "project",
        "create",
        "staging",
        "--prod",
        "--trust",
        "dev",
        "--block-severity",
        "high",
        "--no-immutable-tags",
        "--quota",
        "500MB");
    assertThat(project("staging"))
        .isEqualTo(
            new Project(
                "staging",
                false,
                new ProjectPolicy("dev", Severity.HIGH, true, false),
                500_000_000));

    String list = cli.ok("project", "list");
    assertThat(list)
        .contains("VISIBILITY", "QUOTA")
        .containsPattern("prod\\s+public\\s+prod\\s+critical\\s+yes\\s+yes\\s+10\\.0 GiB")
        .containsPattern("dev\\s+private\\s+-\\s+-\\s+no\\s+no\\s+-");

    cli.ok("project", "set", "prod", "--private", "--trust", "none", "--quota", "none");
    assertThat(project("prod"))
        .isEqualTo(
            new Project("prod", false, new ProjectPolicy(null, Severity.CRITICAL, true, true), -1));
    cli.ok("project", "set", "dev", "--immutable-tags", "--refuse-unscanned");
    assertThat(project("dev").policy()).isEqualTo(new ProjectPolicy(null, null, true, true));
    cli.ok("project", "set", "dev", "--no-refuse-unscanned", "--block-severity", "none");
    assertThat(project("dev").policy()).isEqualTo(new ProjectPolicy(null, null, false, true));

    assertThat(cli.ok("project", "remove", "staging")).contains("Removed project staging");
    try (JdbcDatabase db = cli.database()) {
      assertThat(db.securityStore().projects())
          .extracting(Project::name)
          .containsExactly("dev", "prod");
      List<AuditEvent> events = db.auditLog().query(AuditQuery.all(100));
      assertThat(events).allMatch(e -> e.principal().equals("cli:tester") && e.time().equals(NOW));
      assertThat(events.get(3).reason())
          .startsWith("project set prod private trust=none")
          .contains("(was public trust=prod");
    }
  }

  @Test
  void projectErrorsNameTheInput() throws Exception {
    String[][] bad = {
      {"project", "create", "Bad_Name"},
      {"project", "create", "p", "--trust", "qa"},
      {"project", "create", "p", "--block-severity", "severe"},
      {"project", "create", "p", "--quota", "lots"},
      {"project", "create", "p", "--public", "--private"},
      {"project", "create", "p", "--immutable-tags", "--no-immutable-tags"},
      {"project", "set", "nope", "--public"},
      {"project", "remove", "nope"},
    };
    String[] expected = {
      "Bad_Name",
      "--trust qa",
      "--block-severity severe",
      "--quota lots",
      "not both",
      "not both",
      "No project 'nope'",
      "No project 'nope'"
    };
    for (int i = 0; i < bad.length; i++) {
      CliRun r = cli.run(bad[i]);
      assertThat(r.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad[i])).contains(expected[i]);
    }
    cli.ok("project", "create", "p");
    CliRun r = cli.run("project", "create", "p");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'p' exists", "project set p");
  }

  @Test
  void aProjectHoldingRepositoriesIsNotRemoved() throws Exception {
    cli.ok("project", "create", "apps");
    FileMetadataStore.open(cli.data().resolve("registry"))
        .linkBlob("apps/web", Digest.parse("sha256:" + "ab".repeat(32)));
    CliRun r = cli.run("project", "remove", "apps");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("still holds repositories", "apps/web");
    assertThat(project("apps").name()).isEqualTo("apps");
  }

  @Test
  void robotsAreCreatedWithASecretShownOnce() throws Exception {
    cli.ok("project", "create", "apps");
    String out =
        cli.ok("robot", "create", "apps", "ci", "--permissions", "pull,push", "--expires", "30d");
    assertThat(out).contains("robot$apps+ci", "shown only now", "2027-01-04T04:00:00Z");
    String secret = out.strip().lines().toList().getLast();
    Account robot = Objects.requireNonNull(cli.account("robot$apps+ci"));
    assertThat(robot.kind()).isEqualTo(SecurityStore.AccountKind.ROBOT);
    assertThat(robot.robotProject()).isEqualTo("apps");
    assertThat(robot.robotPermissions())
        .isEqualTo(Set.of(Role.Permission.PULL, Role.Permission.PUSH));
    assertThat(robot.expires()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    new PasswordHasher().verify(secret.toCharArray(), robot.secretHash());

    cli.ok("project", "create", "other");
    cli.ok(
        "robot", "create", "other", "deploy", "--permissions", "pull", "--expires", "2027-06-30");
    assertThat(Objects.requireNonNull(cli.account("robot$other+deploy")).expires())
        .isEqualTo(Instant.parse("2027-06-30T00:00:00Z"));

    assertThat(cli.ok("robot", "list"))
        .contains("robot$apps+ci", "pull,push", "robot$other+deploy", "active")
        .doesNotContain(secret);
    assertThat(cli.ok("robot", "list", "apps")).doesNotContain("deploy");
    assertThat(cli.ok("user", "list")).containsPattern("robot\\$apps\\+ci\\s+robot");

    assertThat(cli.ok("robot", "remove", "robot$apps+ci")).contains("Removed robot");
    assertThat(cli.account("robot$apps+ci")).isNull();
    try (JdbcDatabase db = cli.database()) {
      assertThat(db.auditLog().query(AuditQuery.all(100)))
          .extracting(AuditEvent::reason)
          .contains(
              "robot create robot$apps+ci permissions pull,push expires 2027-01-04T04:00:00Z",
              "robot remove robot$apps+ci")
          .noneMatch(reason -> reason != null && reason.contains(secret));
    }
  }

  @Test
  void robotErrors() throws Exception {
    cli.ok("project", "create", "apps");
    cli.ok("user", "add", "alice");
    String[][] bad = {
      {"robot", "create", "nope", "ci", "--permissions", "pull"},
      {"robot", "create", "apps", "ci", "--permissions", "pull,admin"},
      {"robot", "create", "apps", "CI", "--permissions", "pull"},
      {"robot", "create", "apps", "ci", "--permissions", "pull", "--expires", "yesterday"},
      {"robot", "create", "apps", "ci", "--permissions", "pull", "--expires", "2020-01-01"},
      {"robot", "remove", "alice"},
      {"robot", "list", "nope"},
    };
    String[] expected = {
      "No project 'nope'",
      "--permissions admin",
      "CI",
      "--expires yesterday",
      "not in the future",
      "alice is a user",
      "No project 'nope'"
    };
    for (int i = 0; i < bad.length; i++) {
      CliRun r = cli.run(bad[i]);
      assertThat(r.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad[i])).contains(expected[i]);
    }
    cli.ok("robot", "create", "apps", "ci", "--permissions", "delete");
    CliRun r = cli.run("robot", "create", "apps", "ci", "--permissions", "pull");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("robot$apps+ci exists");
  }

  @Test
  void membersGetRoles() throws Exception {
    cli.ok("project", "create", "apps");
    cli.ok("user", "add", "alice");
    cli.ok("user", "add", "bob");
    assertThat(cli.ok("member", "add", "apps", "alice", "developer"))
        .contains("alice is now developer in apps");
    cli.ok("member", "add", "apps", "bob", "GUEST");
    cli.ok("member", "add", "apps", "alice", "maintainer");
    assertThat(cli.ok("member", "list", "apps"))
        .containsPattern("alice\\s+maintainer")
        .containsPattern("bob\\s+guest");
    try (JdbcDatabase db = cli.database()) {
      assertThat(db.securityStore().role("apps", "alice")).isEqualTo(Role.MAINTAINER);
    }
    cli.ok("member", "remove", "apps", "bob");
    assertThat(cli.ok("member", "list", "apps")).doesNotContain("bob");

    cli.ok("robot", "create", "apps", "ci", "--permissions", "pull");
    String[][] bad = {
      {"member", "add", "apps", "alice", "owner"},
      {"member", "add", "nope", "alice", "guest"},
      {"member", "add", "apps", "nobody", "guest"},
      {"member", "add", "apps", "robot$apps+ci", "guest"},
      {"member", "remove", "apps", "bob"},
      {"member", "list", "nope"},
    };
    String[] expected = {
      "Unknown role 'owner'",
      "No project 'nope'",
      "No account 'nobody'",
      "is a robot",
      "bob is not a member of apps",
      "No project 'nope'"
    };
    for (int i = 0; i < bad.length; i++) {
      CliRun r = cli.run(bad[i]);
      assertThat(r.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad[i])).contains(expected[i]);
    }
    try (JdbcDatabase db = cli.database()) {
      assertThat(db.auditLog().query(AuditQuery.all(100)))
          .extracting(AuditEvent::reason)
          .contains(
              "member add apps alice developer",
              "member add apps alice maintainer (was developer)",
              "member remove apps bob");
    }
  }
}
