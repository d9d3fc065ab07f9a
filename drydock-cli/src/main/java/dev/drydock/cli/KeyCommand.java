package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.trust.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drydock key}: signing keys per environment. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description =
        "Signing keys, each bound to one environment (dev or prod): cosign-compatible encrypted"
            + " private keys under <data>/trust/keys/<env>/<name>, with key ID, validity window and"
            + " revocation.",
    subcommands = {
      KeyGenerateCommand.class,
      KeyImportCommand.class,
      KeyListCommand.class,
      KeyRevokeCommand.class
    })
final class KeyCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  /** {@return the key ring of the data directory} */
  static TrustKeyring keyring(Drydock root) {
    return new TrustKeyring(root.dataDir(), root.context().clock());
  }

  /** {@return {@code text} as an environment, or a usage error} */
  static Environment environment(String text) {
    try {
      return Environment.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("--env '" + text + "': use dev or prod.", FailOn.EXIT_USAGE);
    }
  }
}
