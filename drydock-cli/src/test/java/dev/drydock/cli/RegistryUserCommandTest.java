package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.registry.AuditLog;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.AuditQuery;
import dev.drydock.registry.JdbcDatabase;
import dev.drydock.registry.PasswordHasher;
import dev.drydock.registry.SecurityStore.Account;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryUserCommandTest {
  @TempDir Path home;
  RegistryAdminRun cli;

  @BeforeEach
  void setUp() {
    cli = new RegistryAdminRun(home, home.resolve("data"), Clock.systemUTC());
  }

  private static String lastLine(String out) {
    List<String> lines = out.strip().lines().toList();
    return lines.getLast();
  }

  @Test
  void addGeneratesAPasswordShownOnceAndStoresOnlyItsHash() throws Exception {
    String out = cli.ok("user", "add", "alice");
    assertThat(out).contains("Created user alice", "shown only now");
    String secret = lastLine(out);
    assertThat(secret).hasSize(43);
    Account alice = Objects.requireNonNull(cli.account("alice"));
    assertThat(alice.admin()).isFalse();
    assertThat(alice.secretHash()).startsWith("$argon2id$").doesNotContain(secret);
    new PasswordHasher().verify(secret.toCharArray(), alice.secretHash());

    // Listing never shows it again.
    String list = cli.ok("user", "list");
    assertThat(list).contains("NAME", "alice", "user").doesNotContain(secret);
    JsonNode json = new ObjectMapper().readTree(cli.ok("user", "list", "--json"));
    assertThat(json.get(0).get("name").asText()).isEqualTo("alice");
    assertThat(json.get(0).get("admin").asBoolean()).isFalse();

    // The change is audited, by the OS user, without the secret.
    try (JdbcDatabase db = cli.database()) {
      List<AuditEvent> events = db.auditLog().query(AuditQuery.all(10));
      assertThat(events).hasSize(1);
      AuditEvent e = events.getFirst();
      assertThat(e.operation()).isEqualTo(AuditLog.Operation.ADMIN);
      assertThat(e.principal()).isEqualTo("cli:tester");
      assertThat(e.reason()).isEqualTo("user add alice").doesNotContain(secret);
    }
  }

  @Test
  void passwordFromAFileOrStandardInputIsNotPrinted() throws Exception {
    Path file = home.resolve("pw");
    Files.writeString(file, "correct horse battery\n");
    String out = cli.ok("user", "add", "bob", "--admin", "--password-file", file.toString());
    assertThat(out).contains("Created administrator bob").doesNotContain("correct horse");
    Account bob = Objects.requireNonNull(cli.account("bob"));
    assertThat(bob.admin()).isTrue();
    new PasswordHasher().verify("correct horse battery".toCharArray(), bob.secretHash());

    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream("another long secret\r\n".getBytes(StandardCharsets.UTF_8)));
      String changed = cli.ok("user", "passwd", "bob", "--password-stdin");
      assertThat(changed).contains("Changed the password of bob").doesNotContain("another");
    } finally {
      System.setIn(stdin);
    }
    bob = Objects.requireNonNull(cli.account("bob"));
    new PasswordHasher().verify("another long secret".toCharArray(), bob.secretHash());
    String changedHash = bob.secretHash();
    assertThatThrownBy(
            () -> new PasswordHasher().verify("correct horse battery".toCharArray(), changedHash))
        .isInstanceOf(PasswordHasher.WrongPasswordException.class);

    // A generated one when none is given.
    String generated = cli.ok("user", "passwd", "bob");
    assertThat(generated).contains("shown only now");
    new PasswordHasher()
        .verify(
            lastLine(generated).toCharArray(),
            Objects.requireNonNull(cli.account("bob")).secretHash());
  }

  @Test
  void badInputIsAUsageErrorNamingIt() throws Exception {
    Path shortFile = home.resolve("short");
    Files.writeString(shortFile, "short\n");
    CliRun r = cli.run("user", "add", "carol", "--password-file", shortFile.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("shorter than 12");

    r = cli.run("user", "add", "carol", "--password-file", home.resolve("none").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--password-file", "none");

    r = cli.run("user", "add", "carol", "--password-stdin", "--password-file", "x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not both");

    r = cli.run("user", "add", "Carol Smith");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Carol Smith", "lower-case");

    cli.ok("user", "add", "carol");
    r = cli.run("user", "add", "carol");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'carol' exists", "user passwd carol");

    for (String command : new String[] {"passwd", "disable", "enable", "remove"}) {
      r = cli.run("user", command, "nobody");
      assertThat(r.exitCode()).as(command).isEqualTo(2);
      assertThat(r.err()).as(command).contains("No account 'nobody'", "user list");
    }
    assertThat(r.out()).isEmpty();
  }

  @Test
  void disableEnableAndRemoveKeepTheLastAdministrator() throws Exception {
    cli.ok("user", "add", "root1", "--admin");
    cli.ok("user", "add", "dave");

    assertThat(cli.ok("user", "disable", "dave")).contains("Disabled user dave");
    assertThat(Objects.requireNonNull(cli.account("dave")).disabled()).isTrue();
    assertThat(cli.ok("user", "list")).containsPattern("dave\\s+user\\s+no\\s+yes");
    cli.ok("user", "enable", "dave");
    assertThat(Objects.requireNonNull(cli.account("dave")).disabled()).isFalse();

    CliRun r = cli.run("user", "remove", "root1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("last enabled administrator", "--admin");
    r = cli.run("user", "disable", "root1");
    assertThat(r.exitCode()).isEqualTo(2);

    cli.ok("user", "add", "root2", "--admin");
    assertThat(cli.ok("user", "remove", "root1")).contains("Removed user root1");
    assertThat(cli.account("root1")).isNull();
    cli.ok("user", "remove", "dave");

    try (JdbcDatabase db = cli.database()) {
      assertThat(db.auditLog().query(AuditQuery.all(100)))
          .extracting(AuditEvent::reason)
          .containsExactly(
              "user add root1 (administrator)",
              "user add dave",
              "user disable dave",
              "user enable dave",
              "user add root2 (administrator)",
              "user remove root1",
              "user remove dave");
    }
  }

  @Test
  void importHtpasswdTakesBcryptAndRefusesTheRestLineByLine() throws Exception {
    Path file = home.resolve("users.htpasswd");
    try (InputStream in =
        Objects.requireNonNull(
            getClass().getResourceAsStream("/dev/drydock/cli/htpasswd/users.htpasswd"))) {
      Files.copy(in, file);
    }
    CliRun r = cli.run("user", "import-htpasswd", file.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).contains("Imported 2 users", "refused 5 line(s)");
    assertThat(r.err())
        .contains(
            "users.htpasswd:3: user 'carol' has a MD5 (apr1) hash",
            "htpasswd -B",
            "users.htpasswd:4: user 'dave' has a SHA-1 hash",
            "'Eve' is not a valid name",
            ":7: not 'name:hash'",
            "'mallory' has a malformed bcrypt hash");
    // The bcrypt hashes htpasswd wrote verify the passwords they were made from.
    new PasswordHasher()
        .verify(
            "alice-password-1".toCharArray(),
            Objects.requireNonNull(cli.account("alice")).secretHash());
    new PasswordHasher()
        .verify(
            "bob-password-22".toCharArray(),
            Objects.requireNonNull(cli.account("bob")).secretHash());
    assertThat(cli.account("carol")).isNull();

    // Importing again refuses what exists.
    r = cli.run("user", "import-htpasswd", file.toString());
    assertThat(r.err()).contains("user 'alice' exists already");
    assertThat(r.out()).contains("Imported 0 users");

    r = cli.run("user", "import-htpasswd", home.resolve("missing").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing");
  }

  @Test
  void theActorIsTheOsUser() {
    assertThat(RegistryAdmin.actor(java.util.Map.of("USER", "ops"))).isEqualTo("cli:ops");
    assertThat(RegistryAdmin.actor(java.util.Map.of("LOGNAME", "op2"))).isEqualTo("cli:op2");
    assertThat(RegistryAdmin.actor(java.util.Map.of("USER", "bad name\n")))
        .isEqualTo("cli:unknown");
  }

  @Test
  void helpAndCompletionKnowTheAdminCommands() {
    CliRun help = CliRun.run(home, "registry", "--help");
    assertThat(help.out()).contains("user", "robot", "project", "member", "audit", "serve", "gc");
    CliRun completion = CliRun.run(home, "completion");
    assertThat(completion.out())
        .contains("import-htpasswd", "--password-stdin", "--permissions", "--block-severity");
  }
}
