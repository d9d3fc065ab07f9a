package dev.drydock.cli;

import dev.drydock.registry.PasswordHasher;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.Role;
import dev.drydock.registry.SecurityStore;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock registry robot}: machine accounts bound to one project. */
@Command(
    name = "robot",
    mixinStandardHelpOptions = true,
    description = {
      "Manage robot accounts: machines (CI jobs, deploy agents) that log in to one project with a generated secret, named robot$<project>+<name> (quote the '$' in shells).",
      "Every change is recorded in the audit log as operation admin by cli:<os user>."
    })
final class RegistryRobotCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a robot in PROJECT; prints its full name and its secret, shown only this once.")
  int create(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(index = "0", paramLabel = "PROJECT") String project,
      @Parameters(index = "1", paramLabel = "NAME", description = "Short name, e.g. ci.")
          String name,
      @Option(
              names = "--permissions",
              required = true,
              split = ",",
              paramLabel = "PERM",
              description = "What it may do in the project: pull, push, delete (comma-separated).")
          List<String> permissions,
      @Option(
              names = "--expires",
              paramLabel = "DURATION|DATE",
              description =
                  "When it stops working: a duration from now (90d, 12h, P30D) or a date or"
                      + " timestamp (2026-12-31, 2026-12-31T12:00:00Z). Default: never.")
          @Nullable String expires)
      throws RegistryException {
    Set<Role.Permission> granted = permissions(permissions);
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      session.project(project);
      String fullName = SecurityStore.robotName(project, name);
      if (session.store().account(fullName) != null) {
        throw RegistryAdmin.usage(
            "The robot "
                + fullName
                + " exists: choose another name, or remove it first with 'drydock registry robot"
                + " remove'.");
      }
      Instant now = session.now();
      Instant until = expires == null ? null : RegistryValues.instant("--expires", expires, now, 1);
      if (until != null && !until.isAfter(now)) {
        throw RegistryAdmin.usage("--expires " + expires + " is not in the future.");
      }
      String secret = PasswordHasher.generateSecret();
      session
          .store()
          .createAccount(
              new Account(
                  fullName,
                  AccountKind.ROBOT,
                  new PasswordHasher().hash(secret.toCharArray()),
                  false,
                  false,
                  now,
                  until,
                  project,
                  granted));
      session.record(
          "robot create "
              + fullName
              + " permissions "
              + String.join(",", permissionNames(granted))
              + (until == null ? "" : " expires " + until));
      var out = session.out();
      out.println("Created robot " + fullName + (until == null ? "" : " (expires " + until + ")"));
      out.println("Name:   " + fullName);
      out.println("Secret (shown only now; it is stored only as a hash):");
      out.println(secret);
    }
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List robot accounts.")
  int list(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(arity = "0..1", paramLabel = "PROJECT", description = "Only this project's.")
          @Nullable String project)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      if (project != null) {
        session.project(project);
      }
      List<List<String>> rows = new ArrayList<>();
      Instant now = session.now();
      for (Account a : session.store().accounts()) {
        if (a.kind() != AccountKind.ROBOT
            || (project != null && !project.equals(a.robotProject()))) {
          continue;
        }
        rows.add(
            List.of(
                RegistryValues.cell(a.name()),
                RegistryValues.cell(a.robotProject()),
                String.join(",", permissionNames(a.robotPermissions())),
                a.expires() == null ? "never" : String.valueOf(a.expires()),
                a.active(now) ? "active" : (a.disabled() ? "disabled" : "expired"),
                a.created().toString()));
      }
      session
          .out()
          .print(
              RegistryValues.table(
                  List.of("NAME", "PROJECT", "PERMISSIONS", "EXPIRES", "STATE", "CREATED"), rows));
    }
    return 0;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a robot.")
  int remove(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(paramLabel = "NAME", description = "The full name, robot$<project>+<name>.")
          String name)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      Account account = session.account(name);
      if (account.kind() != AccountKind.ROBOT) {
        throw RegistryAdmin.usage(
            name + " is a user, not a robot: remove it with 'drydock registry user remove'.");
      }
      session.store().deleteAccount(name);
      session.record("robot remove " + name);
      session.out().println("Removed robot " + name + ".");
    }
    return 0;
  }

  /** {@return the permissions named (pull, push, delete)} */
  static Set<Role.Permission> permissions(List<String> names) {
    Set<Role.Permission> granted = EnumSet.noneOf(Role.Permission.class);
    for (String raw : names) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      switch (name) {
        case "pull" -> granted.add(Role.Permission.PULL);
        case "push" -> granted.add(Role.Permission.PUSH);
        case "delete" -> granted.add(Role.Permission.DELETE);
        default ->
            throw RegistryAdmin.usage(
                "--permissions "
                    + raw
                    + ": robots may have pull, push and delete (comma-separated); project"
                    + " management is for users with the admin role.");
      }
    }
    if (granted.isEmpty()) {
      throw RegistryAdmin.usage("--permissions: name at least one of pull, push, delete.");
    }
    return granted;
  }

  /** {@return permission names in their order: pull, push, delete, manage} */
  static List<String> permissionNames(Set<Role.Permission> permissions) {
    List<String> names = new ArrayList<>();
    for (Role.Permission p : Role.Permission.values()) {
      if (permissions.contains(p)) {
        names.add(p.name().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
