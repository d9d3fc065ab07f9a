package dev.drydock.cli;

import dev.drydock.pki.IssueRequest;
import dev.drydock.pki.IssuedCertificate;
import dev.drydock.pki.Issuer;
import dev.drydock.pki.PkiException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock pki issue server|client}: issues a leaf certificate and writes PEM files. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description =
        "Issue a server or client certificate signed by drydock's issuing CA. Writes cert.pem, chain.pem (leaf + issuing CA), key.pem (0600) and ca.pem (the root to trust).")
final class PkiIssueCommand implements Callable<Integer> {
  /** What the certificate is for. */
  enum Kind {
    SERVER,
    CLIENT
  }

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin PassphraseOptions passphrase = new PassphraseOptions();

  @Parameters(index = "0", paramLabel = "KIND", description = "server or client.")
  Kind kind = Kind.SERVER;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "Common name: the host name of a server, the identity of a client.")
  String name = "";

  @Mixin SanArguments sans = new SanArguments();

  @Option(
      names = "--ou",
      split = ",",
      paramLabel = "ROLE",
      description = "Organisational units: the roles or groups drydock's servers grant the holder.")
  List<String> roles = new ArrayList<>();

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "Validity in days (default: 397 for servers, 365 for clients; at most 825).")
  @Nullable Integer days;

  @Mixin KeyAlgorithmOption key = new KeyAlgorithmOption();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write the files to DIR (default: <data>/pki/issued/<name>).")
  @Nullable Path out;

  @Override
  public Integer call() throws PkiException {
    Drydock root = global.root();
    IssueRequest.Builder builder =
        kind == Kind.SERVER ? IssueRequest.server(name) : IssueRequest.client(name);
    builder
        .sans(sans.names().toArray(String[]::new))
        .organisationalUnits(roles.toArray(String[]::new));
    builder.keyAlgorithm(key.algorithm);
    Integer validity = days;
    if (validity != null) {
      builder.days(validity);
    }
    IssueRequest request = builder.build();
    Issuer issuer = PkiCommand.unlock(root, passphrase);
    Path target = out;
    IssuedCertificate issued =
        target == null ? issuer.issue(request) : issuer.issue(request, target);
    describe(issued, root.context().out());
    return 0;
  }

  static void describe(IssuedCertificate issued, PrintWriter out) {
    out.println(
        "Issued "
            + issued.certificate().getSubjectX500Principal().getName()
            + " serial "
            + issued.serial().hex());
    out.println("  valid until " + issued.certificate().getNotAfter().toInstant());
    out.println("  certificate: " + issued.certFile());
    out.println("  chain:       " + issued.chainFile());
    out.println("  key:         " + issued.keyFile());
    out.println("  trust (CA):  " + issued.caFile());
  }
}
