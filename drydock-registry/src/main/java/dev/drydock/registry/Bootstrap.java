package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Account;
import dev.drydock.registry.SecurityStore.AccountKind;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * First start: when the store has no administrator, creates user {@code admin} with a generated
 * secret (32 random bytes, base64url) and writes it to {@code admin.secret} (mode 0600) in the
 * registry's data directory. The account is created first and the file written afterwards (temp
 * file and move); if the file cannot be written the account is deleted again. The log names the
 * file, never the secret, and says to delete the file after the first password change (the file is
 * then stale but still a copy of an administrator credential until then).
 */
final class Bootstrap {
  private static final System.Logger LOG = System.getLogger(Bootstrap.class.getName());
  static final String ADMIN = "admin";

  private Bootstrap() {}

  /** {@return whether an administrator was created} */
  static boolean ensureAdmin(SecurityStore store, SecretVerifier secrets, Path dataDir, Clock clock)
      throws RegistryException {
    if (store.accounts().stream().anyMatch(Account::admin)) {
      return false;
    }
    if (store.account(ADMIN) != null) {
      throw new RegistryException(
          "The security store has no administrator, and account 'admin' exists but is not one;"
              + " make an account administrator with drydock registry user");
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Path file = dataDir.resolve(KeyFiles.ADMIN_SECRET);
    // The account first: a secret file for an account that could not be created would be useless
    // and misleading. Then the file, atomically (temp file 0600, then a move).
    store.createAccount(
        new Account(
            ADMIN,
            AccountKind.USER,
            secrets.hash(secret),
            true,
            false,
            clock.instant(),
            null,
            null,
            Set.of()));
    try {
      Files.createDirectories(dataDir);
      KeyFiles.writePrivate(file, secret + "\n");
    } catch (IOException e) {
      // Nobody knows this secret: the account would lock the registry's only administrator out.
      store.deleteAccount(ADMIN);
      throw new RegistryException(
          "Cannot write the first administrator's secret to "
              + file
              + ": "
              + e.getMessage()
              + "; the account was removed again, fix the folder and restart",
          e);
    }
    LOG.log(
        Level.WARNING,
        "created administrator 'admin'; its secret is in "
            + file
            + " (readable by the owner only): log in with it, change it, then delete that file");
    return true;
  }
}
