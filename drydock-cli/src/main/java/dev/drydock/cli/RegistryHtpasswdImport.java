package dev.drydock.cli;

import dev.drydock.registry.RegistryException;
import dev.drydock.registry.SecurityStore;
import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import dev.drydock.report.FailOn;
import dev.drydock.report.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code drydock registry user import-htpasswd FILE}: moves the users of a Docker registry's
 * htpasswd file over, keeping their bcrypt hashes (the registry verifies bcrypt and replaces it by
 * Argon2id at the next login). Only bcrypt is accepted: the MD5, SHA-1 and crypt schemes htpasswd
 * also writes are too weak to keep.
 */
@Command(
    name = "import-htpasswd",
    mixinStandardHelpOptions = true,
    description = {
      "Import users from an htpasswd file written by 'htpasswd -B' (bcrypt, name:$2y$...). Lines with other schemes, invalid names or existing accounts are refused one by one; the rest are imported.",
      "Exit code 0 when every user was imported, 2 when any line was refused."
    })
final class RegistryHtpasswdImport implements Callable<Integer> {
  /** htpasswd files are small; a larger one is not an htpasswd file. */
  static final long MAX_BYTES = 4L << 20;

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin RegistryDatabaseOptions database = new RegistryDatabaseOptions();

  @Parameters(paramLabel = "FILE", description = "The htpasswd file.")
  Path file = Path.of("");

  @Override
  public Integer call() throws RegistryException {
    List<String> lines = read(file);
    int imported = 0;
    int refused = 0;
    try (RegistryAdmin session = RegistryAdmin.open(global, database)) {
      PrintWriter err = session.root().context().err();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String problem = problem(line, session.store());
        String where = file + ":" + (i + 1);
        if (problem != null) {
          err.println("drydock: " + where + ": " + Printable.clean(problem));
          refused++;
          continue;
        }
        int colon = line.indexOf(':');
        String name = line.substring(0, colon);
        session
            .store()
            .createAccount(
                new Account(
                    name,
                    AccountKind.USER,
                    line.substring(colon + 1),
                    false,
                    false,
                    session.now(),
                    null,
                    null,
                    Set.of()));
        session.record("user import-htpasswd " + name);
        imported++;
      }
      session
          .out()
          .println(
              "Imported "
                  + imported
                  + " user"
                  + (imported == 1 ? "" : "s")
                  + " from "
                  + file
                  + (refused > 0 ? "; refused " + refused + " line(s), see above." : "."));
    }
    return refused > 0 ? FailOn.EXIT_USAGE : 0;
  }

  /** {@return why a line cannot be imported, or null when it can} */
  static @Nullable String problem(String line, SecurityStore store) throws RegistryException {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return "not 'name:hash'; an htpasswd line is name:$2y$...";
    }
    String name = line.substring(0, colon);
    String hash = line.substring(colon + 1);
    if (!SecurityStore.USER_NAME.matcher(name).matches()) {
      return "user '"
          + name
          + "' is not a valid name (1-64 lower-case letters, digits, '.', '_' or '-'); add the"
          + " user by hand with 'drydock registry user add'";
    }
    String scheme = scheme(hash);
    if (scheme != null) {
      return "user '"
          + name
          + "' has a "
          + scheme
          + " hash; only bcrypt is imported: set the password again with 'htpasswd -B' or"
          + " 'drydock registry user add "
          + name
          + "'";
    }
    var m = BCRYPT.matcher(hash);
    if (!m.matches()) {
      return "user '" + name + "' has a malformed bcrypt hash";
    }
    int cost = Integer.parseInt(m.group(1));
    if (cost < 4 || cost > 16) {
      return "user '"
          + name
          + "' has bcrypt cost "
          + cost
          + "; the registry accepts 4 to 16: rehash with 'htpasswd -B -C 10'";
    }
    if (store.account(name) != null) {
      return "user '"
          + name
          + "' exists already; change its password with 'drydock registry user passwd "
          + name
          + "'";
    }
    return null;
  }

  /** {@return the name of a hash scheme other than bcrypt, or null for bcrypt} */
  private static @Nullable String scheme(String hash) {
    if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
      return null;
    }
    if (hash.startsWith("$apr1$")) {
      return "MD5 (apr1)";
    }
    if (hash.startsWith("{SHA}")) {
      return "SHA-1";
    }
    if (hash.startsWith("$5$") || hash.startsWith("$6$")) {
      return "SHA-crypt";
    }
    if (hash.startsWith("$1$")) {
      return "MD5-crypt";
    }
    return hash.startsWith("$") ? "unknown" : "crypt or plain-text";
  }

  private static List<String> read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw RegistryAdmin.usage(
            file + " is larger than " + MAX_BYTES + " bytes: not an htpasswd file.");
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw RegistryAdmin.usage("Cannot read " + file + ": " + Errors.message(e));
    }
  }
}
