package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.engine.EngineApiException;
import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.engine.EngineInfo;
import dev.drydock.engine.EngineTlsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts one private daemon (TLS on TCP, a config file, an extra flag) beside the main one. */
class PrivateDockerdIT {
  private static final Map<String, String> ENV = System.getenv();

  @TempDir static Path certs;

  private static TlsFiles tls;
  private static DockerCli mainCli;
  private static Set<String> mainNetworksBefore;
  private static String docker0Before;
  private static String mainRootBefore;
  private static PrivateDockerd daemon;

  @BeforeAll
  static void start() throws Exception {
    mainCli = DockerCli.of(TestDocker.findOrStart(ENV), ENV);
    mainNetworksBefore = new Leftovers(mainCli).networkNames();
    docker0Before = docker0();
    mainRootBefore = mainCli.run("info", "--format", "{{.DockerRootDir}}");
    tls = TlsFiles.create(certs);
    Path config = Files.writeString(certs.resolve("daemon.json"), "{\"live-restore\": true}\n");
    daemon =
        PrivateDockerd.builder(ENV)
            .tcp(0)
            .tls(tls.file("ca.crt"), tls.file("server.crt"), tls.file("server.key"))
            .configFile(config)
            .flag("--experimental")
            .startTimeout(Duration.ofSeconds(60))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      Path dir = daemon.directory();
      long pid = daemon.pid();
      daemon.close();
      assertThat(dir).doesNotExist();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
    }
    assertMainDaemonUnaffected();
  }

  @Test
  void client_unixSocket_answersPingAndInfoFromPrivateRoot() throws Exception {
    EngineClient client = daemon.client();

    assertThat(client.ping().experimental()).isTrue();
    EngineInfo info = client.info();
    assertThat(info.dockerRootDir()).isEqualTo(daemon.directory().resolve("data").toString());
    assertThat(info.liveRestoreEnabled()).isTrue();
    assertThat(info.experimentalBuild()).isTrue();
    assertThat(info.containers()).isZero();
    assertThat(daemon.log()).contains("API listen on " + daemon.endpoint().socket());
  }

  @Test
  void daemon_runsInItsOwnNetworkNamespace() throws Exception {
    Path own = Files.readSymbolicLink(Path.of("/proc", Long.toString(daemon.pid()), "ns", "net"));

    assertThat(own).isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
  }

  @Test
  void cli_talksToPrivateDaemon() throws Exception {
    assertThat(daemon.cli().run("info", "--format", "{{.DockerRootDir}}"))
        .isEqualTo(daemon.directory().resolve("data").toString());
    assertThat(daemon.cli().run("network", "ls", "--format", "{{.Name}}").lines().toList())
        .doesNotContain("bridge");
  }

  @Test
  void tls_trustedWithClientCertificate_answers() throws Exception {
    EngineClient client = EngineClient.create(tlsEndpoint(tls.clientContext("ca", true)));

    assertThat(client.info().dockerRootDir())
        .isEqualTo(daemon.directory().resolve("data").toString());
  }

  @Test
  void tls_daemonFromUntrustedCa_isServerNotTrusted() {
    EngineClient client = EngineClient.create(tlsEndpoint(clientContext("other-ca", true)));

    assertThatThrownBy(client::ping)
        .isInstanceOfSatisfying(
            EngineTlsException.class,
            e -> assertThat(e.failure()).isEqualTo(EngineTlsException.Failure.SERVER_NOT_TRUSTED))
        .hasMessageContaining("we do not trust the daemon's certificate");
  }

  @Test
  void tls_withoutClientCertificate_isClientCertificateRefused() {
    EngineClient client = EngineClient.create(tlsEndpoint(clientContext("ca", false)));

    assertThatThrownBy(client::ping)
        .isInstanceOfSatisfying(
            EngineTlsException.class,
            e ->
                assertThat(e.failure())
                    .isEqualTo(EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED))
        .hasMessageContaining("the daemon refused our client certificate");
  }

  @Test
  void tcp_plainHttpToTlsPort_isRejectedByDaemon() {
    EngineClient client =
        EngineClient.create(EngineEndpoint.parse(daemon.tcpAddress().orElseThrow()));

    assertThatThrownBy(client::ping)
        .isInstanceOfSatisfying(
            EngineApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("HTTPS");
  }

  private static EngineEndpoint tlsEndpoint(javax.net.ssl.SSLContext context) {
    return EngineEndpoint.parse(daemon.tcpAddress().orElseThrow(), context);
  }

  private static javax.net.ssl.SSLContext clientContext(String ca, boolean withKey) {
    try {
      return tls.clientContext(ca, withKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertMainDaemonUnaffected() throws Exception {
    assertThat(new Leftovers(mainCli).networkNames()).containsAll(mainNetworksBefore);
    assertThat(docker0()).isEqualTo(docker0Before);
    assertThat(mainCli.run("info", "--format", "{{.DockerRootDir}}")).isEqualTo(mainRootBefore);
  }

  /** {@return docker0's addresses ("" if there is no docker0)} */
  private static String docker0() throws Exception {
    CommandResult result =
        new Commands(ENV)
            .tryRun(
                List.of("ip", "-brief", "address", "show", "docker0"),
                Map.of(),
                Duration.ofSeconds(10));
    return result.succeeded()
        ? result.stdout().strip().replaceAll("\\s+(UP|DOWN|UNKNOWN)\\s+", " ")
        : "";
  }
}
