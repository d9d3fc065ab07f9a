package dev.drydock.cli;

import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.TrustException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code drydock key revoke}: refuse a key's signatures from now on. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke a key by ID (8 or more leading hex digits) or name: its revocation time goes into"
            + " its metadata, and 'drydock verify' refuses its signatures from then on with"
            + " REVOKED_KEY. Revoking a drydock key revokes its OpenPGP form too.")
final class KeyRevokeCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();

  @Parameters(paramLabel = "ID", description = "Key ID (or a prefix of 8+ digits) or key name.")
  String id = "";

  @Override
  public Integer call() throws TrustException, IOException {
    Drydock root = global.root();
    KeyMetadata m = KeyCommand.keyring(root).revoke(id);
    root.context()
        .out()
        .printf(
            Locale.ROOT,
            "Revoked %s key %s (%s) at %s.%n",
            m.environment().id(),
            m.name(),
            m.keyId(),
            m.revokedAt());
    return 0;
  }
}
