package dev.drydock.cli;

import dev.drydock.registry.RegistryException;
import dev.drydock.registry.Role;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.registry.SecurityStore.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock registry member}: who may do what in a project. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    description = {
      "Manage project members and their roles: guest (pull), developer (pull, push), maintainer (pull, push, delete), admin (also members and rules).",
      "Every change is recorded in the audit log as operation admin by cli:<os user>."
    })
final class RegistryMemberCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Give ACCOUNT a ROLE in PROJECT (replacing its earlier role).")
  int add(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(index = "0", paramLabel = "PROJECT") String project,
      @Parameters(index = "1", paramLabel = "ACCOUNT") String account,
      @Parameters(
              index = "2",
              paramLabel = "ROLE",
              description = "guest, developer, maintainer or admin.")
          String role)
      throws RegistryException {
    Role parsed = role(role);
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      session.project(project);
      Account a = session.account(account);
      if (a.kind() == AccountKind.ROBOT) {
        throw RegistryAdmin.usage(
            account
                + " is a robot: its permissions are fixed when it is created ('drydock registry robot"
                + " create --permissions'), it cannot be a member.");
      }
      Role before = session.store().role(project, account);
      session.store().setMember(project, account, parsed);
      String name = parsed.name().toLowerCase(Locale.ROOT);
      session.record(
          "member add "
              + project
              + " "
              + account
              + " "
              + name
              + (before == null ? "" : " (was " + before.name().toLowerCase(Locale.ROOT) + ")"));
      session.out().println(account + " is now " + name + " in " + project + ".");
    }
    return 0;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a member.")
  int remove(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(index = "0", paramLabel = "PROJECT") String project,
      @Parameters(index = "1", paramLabel = "ACCOUNT") String account)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      session.project(project);
      if (!session.store().removeMember(project, account)) {
        throw RegistryAdmin.usage(
            account
                + " is not a member of "
                + project
                + ": see 'drydock registry member list "
                + project
                + "'.");
      }
      session.record("member remove " + project + " " + account);
      session.out().println("Removed " + account + " from " + project + ".");
    }
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a project's members.")
  int list(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(paramLabel = "PROJECT") String project)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      session.project(project);
      List<List<String>> rows = new ArrayList<>();
      for (Member m : session.store().members(project)) {
        rows.add(List.of(m.account(), m.role().name().toLowerCase(Locale.ROOT)));
      }
      session.out().print(RegistryValues.table(List.of("ACCOUNT", "ROLE"), rows));
    }
    return 0;
  }

  /** {@return the role named, case-insensitively} */
  static Role role(String text) {
    for (Role r : Role.values()) {
      if (r.name().equalsIgnoreCase(text.strip())) {
        return r;
      }
    }
    throw RegistryAdmin.usage(
        "Unknown role '" + text + "': use guest, developer, maintainer or admin.");
  }
}
