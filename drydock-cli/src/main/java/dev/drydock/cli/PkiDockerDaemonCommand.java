package dev.drydock.cli;

import dev.drydock.pki.CaOptions;
import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.DockerBundle;
import dev.drydock.pki.PkiException;
import dev.drydock.pki.SubjectAltName;
import dev.drydock.report.FailOn;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drydock pki docker-daemon}: everything dockerd needs to run with {@code --tlsverify}. */
@Command(
    name = "docker-daemon",
    mixinStandardHelpOptions = true,
    description =
        "Write what a Docker daemon needs for --tlsverify: server cert and key, the CA, a daemon.json snippet, and a client bundle (ca.pem, cert.pem, key.pem) usable as DOCKER_CERT_PATH. Creates the CA first when there is none.")
final class PkiDockerDaemonCommand implements Callable<Integer> {
  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin PassphraseOptions passphrase = new PassphraseOptions();

  @Option(
      names = "--host",
      required = true,
      paramLabel = "HOST",
      description = "DNS name or IP address clients use to reach the daemon.")
  String host = "";

  @Mixin SanArguments sans = new SanArguments();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to write server/, client/ and daemon.json (default: <data>/pki/docker/<host>).")
  @Nullable Path out;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "2376",
      description = "TCP port shown in the instructions (default: ${DEFAULT-VALUE}).")
  int port = 2376;

  @Override
  public Integer call() throws PkiException {
    Drydock root = global.root();
    PrintWriter err = root.context().err();
    // Validate every name before anything is written, so that a typo leaves no CA behind.
    SubjectAltName.parse(host);
    if (host.toUpperCase(java.util.Locale.ROOT).matches("^(DNS|IP|URI):.*")) {
      throw new CliException(
          "--host " + host + ": give the bare DNS name or IP address, without a DNS:/IP: prefix.",
          FailOn.EXIT_USAGE);
    }
    if (port < 1 || port > 65535) {
      throw new CliException("--port " + port + ": must be 1 to 65535.", FailOn.EXIT_USAGE);
    }
    sans.names().forEach(SubjectAltName::parse);
    boolean creating = !PkiCommand.hasAnyCaFile(root);
    char[] secret = passphrase.read(root.context(), creating);
    try {
      if (creating) {
        createCa(root, secret, err);
      }
      CertificateAuthority ca = PkiCommand.open(root);
      Path target =
          out != null
              ? out
              : PkiCommand.directory(root)
                  .resolve("docker")
                  .resolve(host.replaceAll("[^A-Za-z0-9.-]", "_"));
      DockerBundle bundle =
          ca.unlock(secret).dockerDaemon(host, sans.names(), target.toAbsolutePath().normalize());
      instructions(bundle, target.toAbsolutePath().normalize(), root.context().out());
    } finally {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
    return 0;
  }

  private static void createCa(Drydock root, char @Nullable [] secret, PrintWriter err)
      throws PkiException {
    if (!root.quiet()) {
      err.println(
          "drydock: no CA in "
              + PkiCommand.directory(root)
              + " yet; creating one"
              + (secret == null ? " (keys not encrypted; see 'drydock pki init --help')." : "."));
    }
    CertificateAuthority.init(
        PkiCommand.directory(root), CaOptions.defaults(), secret, root.context().clock());
  }

  private void instructions(DockerBundle bundle, Path dir, PrintWriter out) {
    out.println("Docker daemon TLS bundle for " + host + " written to " + dir);
    out.println("  daemon:  " + bundle.server().certFile().getParent());
    out.println("  client:  " + bundle.client().certFile().getParent());
    out.println("  config:  " + bundle.daemonJson());
    out.println();
    out.println("Start the daemon with TLS and client-certificate checks:");
    out.println(
        "  dockerd --config-file "
            + bundle.daemonJson()
            + " -H unix:///var/run/docker.sock -H tcp://0.0.0.0:"
            + port);
    out.println(
        "  (or merge daemon.json into /etc/docker/daemon.json and add the -H flags to the service)");
    out.println();
    out.println("Connect a client:");
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    out.println(
        "  export DOCKER_HOST=tcp://"
            + hostPart
            + ":"
            + port
            + " DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="
            + bundle.client().certFile().getParent());
    out.println("  docker version");
  }
}
