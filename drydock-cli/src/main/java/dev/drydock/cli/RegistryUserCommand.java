package dev.drydock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.registry.PasswordHasher;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.SecurityStore;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock registry user}: the registry's user accounts. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the registry's user accounts (people who 'docker login' with a password).",
      "Works on the registry's database directly, also while 'drydock registry serve' runs; every change is recorded in the audit log as operation admin by cli:<os user>."
    },
    subcommands = {RegistryHtpasswdImport.class})
final class RegistryUserCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Create a user. Without --password-stdin or --password-file a secret is generated and printed once.")
  int add(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Mixin RegistrySecrets secrets,
      @Parameters(paramLabel = "NAME", description = "Lower-case user name.") String name,
      @Option(names = "--admin", description = "A system administrator (everything everywhere).")
          boolean admin)
      throws RegistryException {
    RegistrySecrets.Secret secret = secrets.read(System.in);
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      if (session.store().account(name) != null) {
        throw RegistryAdmin.usage(
            "The account '"
                + name
                + "' exists: choose another name, or change its password with 'drydock registry"
                + " user passwd "
                + name
                + "'.");
      }
      Account account =
          new Account(
              name,
              AccountKind.USER,
              new PasswordHasher().hash(secret.value().toCharArray()),
              admin,
              false,
              session.now(),
              null,
              null,
              Set.of());
      session.store().createAccount(account);
      session.record("user add " + name + (admin ? " (administrator)" : ""));
      PrintWriter out = session.out();
      out.println("Created " + (admin ? "administrator " : "user ") + name + ".");
      if (secret.generated()) {
        printGenerated(out, name, secret);
      }
    }
    return 0;
  }

  static void printGenerated(PrintWriter out, String name, RegistrySecrets.Secret secret) {
    out.println("Password of " + name + " (shown only now; it is stored only as a hash):");
    out.println(secret.value());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List accounts (users and robots): name, kind, admin, disabled, created.")
  int list(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Option(names = "--json", description = "Print a JSON array instead of a table.")
          boolean json)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      List<Account> accounts = session.store().accounts();
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        var array = mapper.createArrayNode();
        for (Account a : accounts) {
          ObjectNode node = array.addObject();
          node.put("name", a.name());
          node.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
          node.put("admin", a.admin());
          node.put("disabled", a.disabled());
          node.put("created", a.created().toString());
          if (a.expires() != null) {
            node.put("expires", String.valueOf(a.expires()));
          }
          if (a.robotProject() != null) {
            node.put("project", a.robotProject());
            var permissions = node.putArray("permissions");
            RegistryRobotCommand.permissionNames(a.robotPermissions()).forEach(permissions::add);
          }
        }
        session.out().println(array.toString());
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (Account a : accounts) {
          rows.add(
              List.of(
                  RegistryValues.cell(a.name()),
                  a.kind().name().toLowerCase(Locale.ROOT),
                  a.admin() ? "yes" : "no",
                  a.disabled() ? "yes" : "no",
                  a.created().toString()));
        }
        session
            .out()
            .print(
                RegistryValues.table(
                    List.of("NAME", "KIND", "ADMIN", "DISABLED", "CREATED"), rows));
      }
    }
    return 0;
  }

  @Command(
      name = "passwd",
      mixinStandardHelpOptions = true,
      description =
          "Set a user's password (or a robot's secret). Without --password-stdin or --password-file a secret is generated and printed once.")
  int passwd(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Mixin RegistrySecrets secrets,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    RegistrySecrets.Secret secret = secrets.read(System.in);
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      Account account = session.account(name);
      session.store().setSecret(name, new PasswordHasher().hash(secret.value().toCharArray()));
      session.record("user passwd " + account.name());
      session.out().println("Changed the password of " + account.name() + ".");
      if (secret.generated()) {
        printGenerated(session.out(), account.name(), secret);
      }
    }
    return 0;
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Refuse an account's logins (and its tokens' renewal) until enabled again.")
  int disable(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    return setDisabled(options, database, name, true);
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Allow logins again.")
  int enable(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    return setDisabled(options, database, name, false);
  }

  private static int setDisabled(
      GlobalOptions options, RegistryDatabaseOptions database, String name, boolean disabled)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      Account account = session.account(name);
      if (disabled) {
        refuseLastAdmin(session.store(), account, "disable");
      }
      session.store().setDisabled(name, disabled);
      String verb = disabled ? "disable" : "enable";
      session.record("user " + verb + " " + name);
      session.out().println((disabled ? "Disabled " : "Enabled ") + account + ".");
    }
    return 0;
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Delete an account and its project memberships.")
  int remove(
      @Mixin GlobalOptions options,
      @Mixin RegistryDatabaseOptions database,
      @Parameters(paramLabel = "NAME") String name)
      throws RegistryException {
    try (RegistryAdmin session = RegistryAdmin.open(options, database)) {
      Account account = session.account(name);
      refuseLastAdmin(session.store(), account, "remove");
      session.store().deleteAccount(name);
      session.record("user remove " + name);
      session.out().println("Removed " + account + ".");
    }
    return 0;
  }

  /** Keeps at least one enabled administrator: without one nobody could manage the registry. */
  private static void refuseLastAdmin(SecurityStore store, Account account, String verb)
      throws RegistryException {
    if (!account.admin() || account.disabled()) {
      return;
    }
    boolean another =
        store.accounts().stream()
            .anyMatch(a -> a.admin() && !a.disabled() && !a.name().equals(account.name()));
    if (!another) {
      throw RegistryAdmin.usage(
          "Refusing to "
              + verb
              + " "
              + account.name()
              + ": it is the last enabled administrator. Create another with 'drydock registry user"
              + " add NAME --admin' first.");
    }
  }
}
