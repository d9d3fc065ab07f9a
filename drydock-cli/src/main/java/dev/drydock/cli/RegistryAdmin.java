package dev.drydock.cli;

import dev.drydock.registry.AuditLog;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.JdbcDatabase;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.SecurityStore;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.report.FailOn;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One administration session of {@code drydock registry user|robot|project|member}: the open
 * database, the security store, the audit log and who is acting.
 *
 * <p>Every change is recorded as an {@link AuditLog.Operation#ADMIN} event whose principal is
 * {@code cli:<os user>} (from {@code $USER}, else {@code $LOGNAME}, else {@code cli:unknown}): the
 * CLI works on the database directly, so the person at the terminal, not a registry account, made
 * the change. The reason says what changed and never holds a secret.
 */
final class RegistryAdmin implements AutoCloseable {
  private static final Pattern OS_USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final Drydock root;
  private final JdbcDatabase database;
  private final SecurityStore store;
  private final AuditLog audit;
  private final String actor;

  private RegistryAdmin(Drydock root, JdbcDatabase database) {
    this.root = root;
    this.database = database;
    this.store = database.securityStore();
    this.audit = database.auditLog();
    this.actor = actor(root.context().env());
  }

  /** Opens the registry database named by the options. */
  static RegistryAdmin open(GlobalOptions global, RegistryDatabaseOptions options)
      throws RegistryException {
    Drydock root = global.root();
    return new RegistryAdmin(root, options.open(RegistryCommand.directory(root)));
  }

  /** {@return the audit principal of CLI changes: {@code cli:<os user>}} */
  static String actor(Map<String, String> env) {
    for (String name : new String[] {"USER", "LOGNAME"}) {
      String value = env.get(name);
      if (value != null && OS_USER.matcher(value).matches()) {
        return "cli:" + value;
      }
    }
    return "cli:unknown";
  }

  Drydock root() {
    return root;
  }

  JdbcDatabase database() {
    return database;
  }

  SecurityStore store() {
    return store;
  }

  AuditLog audit() {
    return audit;
  }

  PrintWriter out() {
    return root.context().out();
  }

  Instant now() {
    return root.context().clock().instant();
  }

  /** Records an administrative change; {@code what} must never hold a secret. */
  void record(String what) throws RegistryException {
    audit.record(
        new AuditEvent(
            now(), AuditLog.Operation.ADMIN, actor, null, null, null, null, true, null, what));
  }

  /** {@return the account}, or fails with exit code 2 naming it. */
  Account account(String name) throws RegistryException {
    Account account = store.account(name);
    if (account == null) {
      throw usage(
          "No account '"
              + name
              + "' in the "
              + database
              + ": list them with 'drydock registry user list' (robots: 'drydock registry robot"
              + " list').");
    }
    return account;
  }

  /** {@return the project}, or fails with exit code 2 naming it. */
  Project project(String name) throws RegistryException {
    Project project = store.project(name);
    if (project == null) {
      throw usage(
          "No project '"
              + name
              + "': list them with 'drydock registry project list', or create it with 'drydock"
              + " registry project create "
              + name
              + "'.");
    }
    return project;
  }

  /** {@return the registry's data directory, {@code <data>/registry}} */
  Path registryDir() {
    return RegistryCommand.directory(root);
  }

  /** {@return a usage error (exit code 2)} */
  static CliException usage(String message) {
    return new CliException(message, FailOn.EXIT_USAGE);
  }

  @Override
  public void close() {
    database.close();
  }
}
