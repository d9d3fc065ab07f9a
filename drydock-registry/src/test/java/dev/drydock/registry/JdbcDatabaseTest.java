package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcDatabaseTest {
  @TempDir Path data;

  @Test
  void theEmbeddedDatabaseGetsAGeneratedPrivatePassword() throws Exception {
    Path file = data.resolve("db").resolve(JdbcDatabase.PASSWORD_FILE);
    try (JdbcDatabase db = JdbcDatabase.open("h2", data, null)) {
      assertThat(db.toString()).startsWith("H2 database ").contains(data.toString());
      db.securityStore().createAccount(SecurityStoreContract.user("alice"));
    }
    String secret = Files.readString(file).strip();
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("db"))))
        .isEqualTo("rwx------");
    try (JdbcDatabase db = JdbcDatabase.open("", data, null)) {
      assertThat(db.securityStore().account("alice")).isNotNull();
      assertThat(db.toString()).doesNotContain(secret);
    }
    assertThat(Files.readString(file).strip()).isEqualTo(secret);
  }

  @Test
  void aLostPasswordFileIsNotSilentlyReplaced() throws Exception {
    JdbcDatabase.open("h2", data, null).close();
    Files.delete(data.resolve("db").resolve(JdbcDatabase.PASSWORD_FILE));
    assertThatThrownBy(() -> JdbcDatabase.open("h2", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("password file")
        .hasMessageContaining("restore");
  }

  @Test
  void aWrongEmbeddedPasswordIsRefused() throws Exception {
    JdbcDatabase.open("h2", data, null).close();
    Files.writeString(data.resolve("db").resolve(JdbcDatabase.PASSWORD_FILE), "wrong");
    assertThatThrownBy(() -> JdbcDatabase.open("h2", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("H2 database")
        .hasMessageNotContaining("wrong\"");
  }

  @Test
  void aNewerSchemaIsRefused() throws Exception {
    try (JdbcDatabase db = JdbcDatabase.open("h2", data, null)) {
      db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO registry_schema (version) VALUES (99)")) {
                  return s.executeUpdate();
                }
              });
    }
    assertThatThrownBy(() -> JdbcDatabase.open("h2", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("upgrade drydock");
  }

  @Test
  void urlsAreCheckedAndPasswordsNeverShown() {
    assertThatThrownBy(() -> JdbcDatabase.open("mysql://x@y/z", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("use h2");
    assertThatThrownBy(() -> JdbcDatabase.open("postgresql://u:hunter2@db:5432/reg", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("holds a password")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> JdbcDatabase.open("postgresql://db:5432/reg", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("Incomplete");
    assertThatThrownBy(() -> JdbcDatabase.open("postgresql://u@db/", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("Incomplete");
    assertThatThrownBy(
            () -> JdbcDatabase.open("postgresql://u@db/reg?sslmode=require&password=x", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("parameter");
    assertThatThrownBy(() -> JdbcDatabase.open("postgresql://u@db:x/reg", data, null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("PostgreSQL URL");
    assertThat(JdbcDatabase.redact("postgres://me:secret@h/d")).isEqualTo("postgres://me:***@h/d");
  }

  @Test
  void anUnreachablePostgresFailsWithItsAddress() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    assertThatThrownBy(() -> JdbcDatabase.open("postgresql://u@127.0.0.1:1/reg", data, "pw"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("postgresql://u@127.0.0.1:1/reg")
        .hasMessageNotContaining("pw\"");
  }

  @Test
  void upsertsFitEachDialect() {
    List<String> columns = List.of("repository", "tag", "digest");
    assertThat(JdbcSchema.Dialect.H2.upsert("t", columns, 2))
        .isEqualTo("MERGE INTO t (repository, tag, digest) KEY (repository, tag) VALUES (?, ?, ?)");
    assertThat(JdbcSchema.Dialect.POSTGRESQL.upsert("t", columns, 2))
        .isEqualTo(
            "INSERT INTO t (repository, tag, digest) VALUES (?, ?, ?) ON CONFLICT (repository,"
                + " tag) DO UPDATE SET digest = EXCLUDED.digest");
    assertThat(JdbcSchema.Dialect.POSTGRESQL.upsert("t", columns.subList(0, 2), 2))
        .endsWith("ON CONFLICT (repository, tag) DO NOTHING");
  }

  @Test
  void aFullPoolMakesCallersWaitThenFail() throws Exception {
    try (JdbcDatabase db = JdbcDatabase.open("h2", data, null);
        JdbcPool one =
            new JdbcPool(
                () -> java.sql.DriverManager.getConnection("jdbc:h2:mem:pooltest"), 1, 50)) {
      assertThat(db).isNotNull();
      assertThatThrownBy(() -> one.call(outer -> one.call(inner -> 1)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no database connection became free");
      boolean valid = one.call(c -> c.isValid(1));
      boolean autoCommitInTransaction = one.transaction(c -> c.getAutoCommit());
      boolean autoCommitAfter = one.call(c -> c.getAutoCommit());
      assertThat(valid).isTrue();
      assertThat(autoCommitInTransaction).isFalse();
      assertThat(autoCommitAfter).isTrue();
      assertThatThrownBy(() -> one.transaction(c -> c.createStatement().execute("BOGUS")))
          .isInstanceOf(SQLException.class);
      boolean autoCommitAfterFailure = one.call(c -> c.getAutoCommit());
      assertThat(autoCommitAfterFailure).isTrue();
    }
  }
}
