package dev.drydock.cli;

import dev.drydock.pki.CaOptions;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.PkiException;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock pki init}: creates the root and issuing CA. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create drydock's root CA and issuing CA under <data>/pki. Keys are written 0600, and encrypted when a passphrase is given. Refuses to overwrite an existing CA.")
final class PkiInitCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin PassphraseOptions passphrase = new PassphraseOptions();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "drydock",
      description = "Name in the CA certificates' subjects (default: ${DEFAULT-VALUE}).")
  String name = "drydock";

  @Mixin KeyAlgorithmOption key = new KeyAlgorithmOption();

  @Override
  public Integer call() throws PkiException {
    Drydock root = global.root();
    CaOptions options = CaOptions.defaults().withName(name).withKeyAlgorithm(key.algorithm);
    char[] secret = passphrase.read(root.context(), true);
    CertificateAuthority ca;
    try {
      ca =
          CertificateAuthority.init(
              PkiCommand.directory(root), options, secret, root.context().clock());
    } finally {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
    describe(ca, root.context().out());
    if (secret == null) {
      root.context()
          .err()
          .println(
              "drydock: note: the CA keys are not encrypted (0600 files). Use --ask-passphrase,"
                  + " --passphrase-file or "
                  + PassphraseOptions.DEFAULT_ENV
                  + " to encrypt them.");
    }
    return 0;
  }

  static void describe(CertificateAuthority ca, PrintWriter out) {
    out.println("CA ready in " + ca.directory());
    out.println("  root:    " + ca.rootCertificate().getSubjectX500Principal().getName());
    out.println("           SHA-256 " + fingerprint(ca.rootCertificate()));
    out.println("  issuing: " + ca.issuingCertificate().getSubjectX500Principal().getName());
    out.println("  trust anchor for clients and servers: " + ca.rootCertificateFile());
  }

  static String fingerprint(X509Certificate certificate) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("Cannot fingerprint a certificate", e);
    }
  }
}
