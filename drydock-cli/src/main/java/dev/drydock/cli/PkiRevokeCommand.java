package dev.drydock.cli;

import dev.drydock.pki.CertificateRecord;
import dev.drydock.pki.PkiException;
import dev.drydock.pki.Revocation;
import dev.drydock.pki.RevocationReason;
import dev.drydock.pki.SerialNumber;
import dev.drydock.report.FailOn;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock pki revoke SERIAL}: revokes a certificate and republishes the CRL. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke a certificate by serial (as 'drydock pki list' shows it) and republish the CRL. drydock's TLS servers refuse the certificate on their next CRL reload.")
final class PkiRevokeCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin PassphraseOptions passphrase = new PassphraseOptions();

  @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number in hex.")
  String serial = "";

  @Option(
      names = "--reason",
      paramLabel = "REASON",
      defaultValue = "unspecified",
      description =
          "unspecified, key-compromise, affiliation-changed, superseded,"
              + " cessation-of-operation or privilege-withdrawn (default: ${DEFAULT-VALUE}).")
  String reason = "unspecified";

  @Override
  public Integer call() throws PkiException {
    Drydock root = global.root();
    SerialNumber number = SerialNumber.parse(serial);
    RevocationReason why;
    try {
      why = RevocationReason.parse(reason);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "--reason "
              + reason
              + ": use unspecified, key-compromise, affiliation-changed, superseded,"
              + " cessation-of-operation or privilege-withdrawn.",
          FailOn.EXIT_USAGE);
    }
    CertificateRecord existing = PkiCommand.open(root).find(number);
    Revocation earlier = existing.revocation();
    if (earlier != null) {
      root.context()
          .out()
          .println(
              "Already revoked: "
                  + existing.subject()
                  + " (serial "
                  + existing.serial().hex()
                  + ") on "
                  + earlier.revokedAt()
                  + ", reason "
                  + earlier.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                  + "; nothing changed.");
      return 0;
    }
    CertificateRecord revoked = PkiCommand.unlock(root, passphrase).revoke(number, why);
    root.context()
        .out()
        .println(
            "Revoked "
                + revoked.subject()
                + " (serial "
                + revoked.serial().hex()
                + "); CRL: "
                + PkiCommand.directory(root).resolve("crl.pem"));
    return 0;
  }
}
