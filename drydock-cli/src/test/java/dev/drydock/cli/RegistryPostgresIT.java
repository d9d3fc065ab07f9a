package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.AuditQuery;
import dev.drydock.registry.JdbcDatabase;
import dev.drydock.registry.PasswordHasher;
import dev.drydock.registry.Role;
import dev.drydock.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The administration commands against a real PostgreSQL server ({@code --database}). */
@ExtendWith(PostgresServer.Resolver.class)
class RegistryPostgresIT {
  @TempDir Path home;

  @Test
  void adminCommandsWorkOnPostgres(PostgresServer postgres) throws Exception {
    String url = postgres.newDatabase();
    Path passwordFile = home.resolve("pg.password");
    Files.writeString(passwordFile, postgres.password() + "\n");
    RegistryAdminRun cli = new RegistryAdminRun(home, home.resolve("data"), Clock.systemUTC());
    String[] db = {"--database", url, "--database-password-file", passwordFile.toString()};

    String out = cli.ok(with(db, "user", "add", "alice"));
    String secret = out.strip().lines().toList().getLast();
    cli.ok(with(db, "project", "create", "apps", "--prod"));
    cli.ok(with(db, "member", "add", "apps", "alice", "developer"));
    cli.ok(with(db, "robot", "create", "apps", "ci", "--permissions", "pull"));
    assertThat(cli.ok(with(db, "user", "list"))).contains("alice", "robot$apps+ci");
    assertThat(cli.ok(with(db, "audit", "--operation", "admin")))
        .contains("cli:tester", "member add apps alice developer");

    // Nothing went to the embedded database; everything is in PostgreSQL.
    assertThat(home.resolve("data/registry/db")).doesNotExist();
    try (JdbcDatabase pg =
        JdbcDatabase.open(url, home.resolve("data/registry"), postgres.password())) {
      var store = pg.securityStore();
      new PasswordHasher()
          .verify(
              secret.toCharArray(), Objects.requireNonNull(store.account("alice")).secretHash());
      assertThat(store.role("apps", "alice")).isEqualTo(Role.DEVELOPER);
      assertThat(pg.auditLog().query(AuditQuery.all(100)))
          .extracting(AuditEvent::principal)
          .containsOnly("cli:tester");
      // A repository in the shared metadata keeps the project.
      pg.metadataStore().linkBlob("apps/web", Digest.parse("sha256:" + "cd".repeat(32)));
    }
    CliRun refused = cli.run(with(db, "project", "remove", "apps"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("apps/web");

    CliRun wrong = cli.run("user", "list", "--database", url);
    assertThat(wrong.exitCode()).as(wrong.err()).isNotZero();
    assertThat(wrong.err()).contains("PostgreSQL").doesNotContain(postgres.password());
  }

  private static String[] with(String[] database, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(database));
    return all.toArray(String[]::new);
  }
}
