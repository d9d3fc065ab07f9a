package dev.drydock.cli;

import dev.drydock.pki.PkiException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code drydock pki crl}: publishes a fresh CRL. */
@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description =
        "Publish a fresh CRL signed by the issuing CA to <data>/pki/crl.pem. A CRL is valid for 7 days: run this regularly (e.g. daily from cron) so peers never see a stale one.")
final class PkiCrlCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin PassphraseOptions passphrase = new PassphraseOptions();

  @Override
  public Integer call() throws PkiException {
    Drydock root = global.root();
    Path crl = PkiCommand.unlock(root, passphrase).writeCrl();
    root.context().out().println("CRL written to " + crl);
    return 0;
  }
}
