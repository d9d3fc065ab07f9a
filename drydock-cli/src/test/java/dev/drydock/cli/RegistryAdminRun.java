package dev.drydock.cli;

import dev.drydock.registry.JdbcDatabase;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.SecurityStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code drydock registry ...} against one temporary data directory as OS user tester. */
record RegistryAdminRun(Path home, Path data, Clock clock) {

  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("registry"));
    all.addAll(List.of(args));
    return CliRun.run(
        home, Map.of("USER", "tester"), clock, CliRun.withData(data, all.toArray(String[]::new)));
  }

  /** {@return the output of a command that must succeed} */
  String ok(String... args) {
    CliRun r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", args) + " failed: " + r.err() + r.out());
    }
    return r.out();
  }

  /** Opens the registry's database directly, to check what the commands stored. */
  JdbcDatabase database() throws RegistryException {
    return JdbcDatabase.open("h2", data.resolve("registry"), null);
  }

  SecurityStore.@org.jspecify.annotations.Nullable Account account(String name)
      throws RegistryException {
    try (JdbcDatabase db = database()) {
      return db.securityStore().account(name);
    }
  }
}
