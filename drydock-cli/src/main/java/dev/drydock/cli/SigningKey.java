package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.trust.CosignKeyFile;
import dev.drydock.trust.Environment;
import dev.drydock.trust.KeyFileException;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.Signer;
import dev.drydock.trust.TrustException;
import dev.drydock.trust.TrustKeys;
import dev.drydock.trust.TrustedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;

/** Opens the signing key {@code --key} names: a cosign key file of a known key, or a key name. */
final class SigningKey {
  private static final long MAX_BYTES = 64 * 1024;

  private SigningKey() {}

  /**
   * {@return a signer for {@code key}}: a file is decrypted and matched to a known key by its
   * public half, so its environment and validity come from the key ring, never from the file.
   */
  static Signer open(Drydock root, String key, SigningPassword password)
      throws TrustException, IOException {
    TrustKeyring keyring = KeyCommand.keyring(root);
    Path file = Path.of(key);
    if (Files.isRegularFile(file)) {
      if (Files.size(file) > MAX_BYTES) {
        throw new CliException(key + " is too large to be a cosign key file.", FailOn.EXIT_USAGE);
      }
      byte[] pem = Files.readAllBytes(file);
      char[] secret = password.read(root.context(), false);
      PrivateKey privateKey;
      try {
        privateKey = CosignKeyFile.decrypt(key, pem, secret);
      } finally {
        Arrays.fill(secret, '\0');
      }
      for (TrustedKey k : keyring.all()) {
        if (k instanceof TrustedKey.Pkix) {
          try {
            return TrustKeys.signer(k.metadata(), privateKey);
          } catch (KeyFileException notThisOne) {
            // another key's metadata; keep looking
          }
        }
      }
      throw new CliException(
          key
              + " is not a key drydock knows, so it has no environment: import it with 'drydock"
              + " key import --env dev|prod NAME "
              + key
              + "'.",
          FailOn.EXIT_USAGE);
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    TrustedKey found = keyring.find(name);
    if (!(found instanceof TrustedKey.Pkix)
        || (slash >= 0
            && found.metadata().environment() != KeyCommand.environment(key.substring(0, slash)))) {
      throw new CliException(
          "--key "
              + key
              + ": no such signing key (a file path, NAME or ENV/NAME from 'drydock key list').",
          FailOn.EXIT_USAGE);
    }
    Environment env = found.metadata().environment();
    char[] secret = password.read(root.context(), false);
    try {
      return keyring.keys().signer(env, found.metadata().name(), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /** Refuses to sign with a key whose signatures would be refused. */
  static void requireUsable(KeyMetadata m, Instant now) {
    if (m.revokedAt(now)) {
      throw new CliException(
          "Key " + m.name() + " was revoked at " + m.revokedAt() + "; sign with another key.",
          FailOn.EXIT_ERROR);
    }
    if (!m.validAt(now)) {
      throw new CliException(
          "Key "
              + m.name()
              + " is valid from "
              + m.notBefore()
              + " to "
              + m.notAfter()
              + ", not now; sign with a current key.",
          FailOn.EXIT_ERROR);
    }
  }
}
