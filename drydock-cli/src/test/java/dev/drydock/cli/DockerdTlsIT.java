package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.pki.CertificateAuthority;
import dev.drydock.pki.IssueRequest;
import dev.drydock.testkit.PrivateDockerd;
import dev.drydock.testkit.TestDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private dockerd secured with {@code drydock pki docker-daemon} accepts the real docker CLI (and
 * drydock's own engine client) holding drydock's client bundle, and refuses a certificate from
 * another CA, an expired certificate, and no certificate. The machine's main daemon is never
 * reconfigured: the test daemon has its own data root, sockets and network namespace.
 */
class DockerdTlsIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir static Path work;
  private static Path data;
  private static Path bundle;
  private static PrivateDockerd daemon;
  private static String address;

  @BeforeAll
  static void startTlsDaemon() throws Exception {
    data = work.resolve("data");
    bundle = work.resolve("docker-tls");
    CliRun made =
        CliRun.run(
            work,
            withData(
                data, "pki", "docker-daemon", "--host", "localhost", "--out", bundle.toString()));
    assertThat(made.exitCode()).as(made.err()).isZero();
    daemon =
        PrivateDockerd.builder(System.getenv())
            .tcp(0)
            .configFile(bundle.resolve("daemon.json"))
            .start();
    address = daemon.tcpAddress().orElseThrow();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void dockerCli_withDrydockClientBundle_isAccepted() throws Exception {
    Result r = docker(bundle.resolve("client"), "version", "--format", "{{.Server.Version}}");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().strip()).isNotEmpty();
  }

  @Test
  void drydockEngineClient_withDrydockClientBundle_isAccepted() {
    CliRun r =
        CliRun.run(
            work,
            "engine",
            "info",
            "--host",
            address,
            "--tls-dir",
            bundle.resolve("client").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Engine at " + address).contains("server");
  }

  @Test
  void drydockEngineClient_readsDockerEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_HOST", address);
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", bundle.resolve("client").toString());
    CliRun r = CliRun.run(work, env, Clock.systemUTC(), "engine", "info", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"serverVersion\"");
  }

  @Test
  void noClientCertificate_isRefused() throws Exception {
    Path caOnly = work.resolve("ca-only");
    Files.createDirectories(caOnly);
    Files.copy(bundle.resolve("client/ca.pem"), caOnly.resolve("ca.pem"));
    Result r = docker(caOnly, "version");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).containsAnyOf(REFUSED);
  }

  @Test
  void certificateFromAnotherCa_isRefused() throws Exception {
    Path otherData = work.resolve("other-data");
    Path mallory = work.resolve("mallory");
    CliRun issued = CliRun.run(work, withData(otherData, "pki", "init"));
    assertThat(issued.exitCode()).isZero();
    issued =
        CliRun.run(
            work,
            withData(
                otherData,
                "pki",
                "issue",
                "client",
                "--name",
                "mallory",
                "--out",
                mallory.toString()));
    assertThat(issued.exitCode()).as(issued.err()).isZero();
    // Trust the right server CA, present a certificate the daemon's CA never issued.
    Files.copy(
        bundle.resolve("client/ca.pem"),
        mallory.resolve("ca.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        mallory.resolve("chain.pem"),
        mallory.resolve("cert.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Result r = docker(mallory, "version");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).containsAnyOf(REFUSED);

    CliRun engine =
        CliRun.run(work, "engine", "info", "--host", address, "--tls-dir", mallory.toString());
    assertThat(engine.exitCode()).isEqualTo(3);
    assertThat(engine.err()).containsIgnoringCase("certificate");
  }

  @Test
  void expiredClientCertificate_isRefused() throws Exception {
    Path old = work.resolve("expired");
    Instant now = Instant.now(Clock.systemUTC());
    CertificateAuthority.open(data.resolve("pki"), Clock.systemUTC())
        .unlock(null)
        .issue(
            IssueRequest.client("expired-user")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
                .build(),
            old);
    Files.copy(
        old.resolve("chain.pem"),
        old.resolve("cert.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Result r = docker(old, "version");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).containsAnyOf(REFUSED);
  }

  @Test
  void serverFromAnotherCa_isNotTrusted() throws Exception {
    Path otherData = work.resolve("untrusting-data");
    assertThat(CliRun.run(work, withData(otherData, "pki", "init")).exitCode()).isZero();
    Path mixed = work.resolve("untrusting");
    Files.createDirectories(mixed);
    Files.copy(otherData.resolve("pki/ca.pem"), mixed.resolve("ca.pem"));
    Files.copy(bundle.resolve("client/cert.pem"), mixed.resolve("cert.pem"));
    Files.copy(bundle.resolve("client/key.pem"), mixed.resolve("key.pem"));
    CliRun engine =
        CliRun.run(work, "engine", "info", "--host", address, "--tls-dir", mixed.toString());
    assertThat(engine.exitCode()).isEqualTo(3);
    assertThat(engine.err()).containsIgnoringCase("trust");
    Result r = docker(mixed, "version");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("x509: certificate signed by unknown authority");
  }

  /** What the docker CLI (Go's TLS stack) reports when the daemon rejects our certificate. */
  private static final String[] REFUSED = {
    "tls: bad certificate",
    "tls: certificate required",
    "tls: unknown certificate authority",
    "tls: expired certificate"
  };

  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs the real docker CLI against the TLS daemon with the client files in {@code certDir}. */
  private static Result docker(Path certDir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker", "--host", address, "--tlsverify"));
    command.add("--tlscacert=" + certDir.resolve("ca.pem"));
    if (Files.exists(certDir.resolve("cert.pem"))) {
      command.add("--tlscert=" + certDir.resolve("cert.pem"));
      command.add("--tlskey=" + certDir.resolve("key.pem"));
    }
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "docker", ".out");
    Path err = Files.createTempFile(work, "docker", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("DOCKER_HOST");
    pb.environment().remove("DOCKER_TLS_VERIFY");
    pb.environment().remove("DOCKER_CERT_PATH");
    pb.environment().put("DOCKER_CONFIG", work.resolve("docker-config").toString());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("docker " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
