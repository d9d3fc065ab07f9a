package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.registry.SecurityStore.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database while a registry holds it open: a second JVM (as {@code drydock registry
 * user add} would be) opens the same data directory, through H2's automatic mixed mode, adds an
 * account and reads the first one's; the first process sees the new account at once.
 */
class JdbcH2SecondProcessIT {
  @TempDir Path data;

  /** The second process: adds the account named by args[1] and lists every account to args[2]. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      try (JdbcDatabase db = JdbcDatabase.open("h2", Path.of(args[0]), null)) {
        SecurityStore store = db.securityStore();
        store.createAccount(SecurityStoreContract.user(args[1]));
        Files.writeString(
            Path.of(args[2]),
            store.accounts().stream().map(Account::name).collect(Collectors.joining(",")),
            StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  @SuppressForbidden(reason = "the child JVM runs on this JVM's class path")
  void aSecondProcessChangesAccountsWhileTheFirstHoldsTheDatabase() throws Exception {
    try (JdbcDatabase db = JdbcDatabase.open("h2", data, null)) {
      SecurityStore store = db.securityStore();
      store.createAccount(SecurityStoreContract.user("alice"));
      Path out = data.resolve("child.out");
      Path log = data.resolve("child.log");
      String java = ProcessHandle.current().info().command().orElse("java");
      Process child =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-cp",
                      System.getProperty("java.class.path"),
                      Child.class.getName(),
                      data.toString(),
                      "bob",
                      out.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(child.exitValue()).as(() -> readQuietly(log)).isZero();
      assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("alice,bob");
      assertThat(store.account("bob")).isNotNull();
      assertThat(store.accounts()).hasSize(2);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    data.resolve("db").resolve(JdbcDatabase.PASSWORD_FILE))))
        .isEqualTo("rw-------");
    try (JdbcDatabase again = JdbcDatabase.open("h2", data, null)) {
      assertThat(again.securityStore().accounts()).hasSize(2);
    }
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
