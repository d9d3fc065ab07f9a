package dev.drydock.cli;

import dev.drydock.pki.CaNotInitialisedException;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.Issuer;
import dev.drydock.pki.PassphraseRequiredException;
import dev.drydock.pki.PkiException;
import dev.drydock.report.FailOn;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drydock pki}: drydock's own certificate authority. */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description =
        "drydock's own CA: a root and an issuing CA under <data>/pki, certificates for servers and clients, revocation with a CRL, and everything dockerd needs for --tlsverify.",
    subcommands = {
      PkiInitCommand.class,
      PkiIssueCommand.class,
      PkiListCommand.class,
      PkiRevokeCommand.class,
      PkiCrlCommand.class,
      PkiCheckCommand.class,
      PkiDockerDaemonCommand.class
    })
final class PkiCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();
  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    spec.commandLine().usage(global.root().context().out());
  }

  /** {@return the CA directory, {@code <data>/pki}} */
  static Path directory(Drydock root) {
    return root.dataDir().resolve("pki");
  }

  /** Opens the CA, whose certificates are readable without a passphrase. */
  static CertificateAuthority open(Drydock root) throws PkiException {
    try {
      return CertificateAuthority.open(directory(root), root.context().clock());
    } catch (CaNotInitialisedException e) {
      // A directory with no CA at all wants init; a half-present CA must not be overwritten.
      String hint =
          hasAnyCaFile(root) ? "" : " Run 'drydock pki init' (or point --data at an existing one).";
      throw new CliException(e.getMessage() + hint, FailOn.EXIT_ERROR);
    }
  }

  /** {@return true when the CA directory holds any CA certificate, complete or not} */
  static boolean hasAnyCaFile(Drydock root) {
    Path dir = directory(root);
    return java.nio.file.Files.exists(dir.resolve("ca.pem"))
        || java.nio.file.Files.exists(dir.resolve("issuing.pem"))
        || java.nio.file.Files.exists(dir.resolve("issuing-key.pem"));
  }

  /** Opens the CA and unlocks its issuing key with the passphrase the options give. */
  static Issuer unlock(Drydock root, PassphraseOptions passphrase) throws PkiException {
    CertificateAuthority ca = open(root);
    char[] secret = passphrase.read(root.context(), false);
    try {
      return ca.unlock(secret);
    } catch (PassphraseRequiredException e) {
      throw new CliException(
          e.getMessage()
              + " Give it with --passphrase-file FILE, --passphrase-env VAR, --ask-passphrase or "
              + PassphraseOptions.DEFAULT_ENV
              + ".",
          FailOn.EXIT_ERROR);
    } finally {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
  }
}
