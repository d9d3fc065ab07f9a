package dev.drydock.cli;

import dev.drydock.registry.JdbcDatabase;
import dev.drydock.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --database} and {@code --database-password-file}, shared by {@code registry serve} and
 * every administration command so that both reach the same accounts, projects and audit trail.
 */
final class RegistryDatabaseOptions {
  @Option(
      names = "--database",
      paramLabel = "URL",
      defaultValue = "h2",
      description =
          "Where accounts, projects and the audit log live: h2 (embedded under <data>/registry/db,"
              + " the default) or postgresql://user@host:port/database (repository metadata too,"
              + " for several registry nodes).")
  String database = "h2";

  @Option(
      names = "--database-password-file",
      paramLabel = "FILE",
      description = "File holding the PostgreSQL password (first line).")
  @Nullable Path passwordFile;

  /**
   * {@return whether --database names a shared (PostgreSQL) database, checked before opening it}
   */
  boolean shared() {
    return !database.isBlank() && !database.strip().equals("h2");
  }

  /** {@return the PostgreSQL password from {@code --database-password-file}, or null} */
  @Nullable String password() {
    if (passwordFile == null) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.getFirst();
    } catch (IOException e) {
      throw new CliException(
          "Cannot read --database-password-file " + passwordFile + ": " + Errors.message(e),
          dev.drydock.report.FailOn.EXIT_USAGE);
    }
  }

  /** Opens (creating or migrating) the database of the registry under {@code registryDir}. */
  JdbcDatabase open(Path registryDir) throws RegistryException {
    return JdbcDatabase.open(database, registryDir, password());
  }
}
