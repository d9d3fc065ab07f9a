package dev.drydock.engine;

import static dev.drydock.engine.FakeEngine.chunked;
import static dev.drydock.engine.FakeEngine.http;
import static dev.drydock.engine.FakeEngine.ping;
import static dev.drydock.engine.FakeEngine.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineClientTest {
  private static final byte[] PING = resource("recorded/ping.http");

  @TempDir Path dir;

  @Test
  void ping_recorded_readsHeaders() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, null)) {
      EnginePing ping = engine.client().ping();

      assertThat(ping.apiVersion()).isEqualTo(ApiVersion.parse("1.41"));
      assertThat(ping.osType()).isEqualTo("linux");
      assertThat(ping.experimental()).isFalse();
      assertThat(ping.server()).isEqualTo("Docker/20.10.24+dfsg1 (linux)");
      assertThat(ping.builderVersion()).isEmpty();
      assertThat(engine.requests()).containsExactly("GET /_ping HTTP/1.1");
    }
  }

  @Test
  void version_recordedContentLength_parsesFields() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, resource("recorded/version.http"))) {
      EngineVersion version = engine.client().version();

      assertThat(version.version()).isEqualTo("20.10.24+dfsg1");
      assertThat(version.apiVersion()).hasToString("1.41");
      assertThat(version.minApiVersion()).hasToString("1.12");
      assertThat(version.gitCommit()).isEqualTo("5d6db84");
      assertThat(version.goVersion()).isEqualTo("go1.19.8");
      assertThat(version.os()).isEqualTo("linux");
      assertThat(version.arch()).isEqualTo("amd64");
      assertThat(version.kernelVersion()).isEqualTo("6.18.44-fc-v1272");
      assertThat(version.buildTime()).startsWith("2026-05-07");
      assertThat(version.experimental()).isFalse();
      assertThat(version.components())
          .contains(
              new EngineVersion.Component("containerd", "1.6.20~ds1"),
              new EngineVersion.Component("runc", "1.1.5+ds1"));
      assertThat(engine.requests())
          .containsExactly("GET /_ping HTTP/1.1", "GET /v1.41/version HTTP/1.1");
    }
  }

  @Test
  void info_recordedChunked_parsesFields() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, resource("recorded/info.http"))) {
      EngineInfo info = engine.client().info();

      assertThat(info.id()).startsWith("A76F:");
      assertThat(info.name()).isEqualTo("vm");
      assertThat(info.serverVersion()).isEqualTo("20.10.24+dfsg1");
      assertThat(info.storageDriver()).isEqualTo("overlay2");
      assertThat(info.loggingDriver()).isEqualTo("json-file");
      assertThat(info.cgroupDriver()).isEqualTo("cgroupfs");
      assertThat(info.cgroupVersion()).isEqualTo("1");
      assertThat(info.securityOptions()).containsExactly("name=seccomp,profile=default");
      assertThat(info.hasSecurityOption("seccomp")).isTrue();
      assertThat(info.usernsRemap()).isFalse();
      assertThat(info.rootless()).isFalse();
      assertThat(info.dockerRootDir()).isEqualTo("/var/lib/docker");
      assertThat(info.operatingSystem()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
      assertThat(info.osType()).isEqualTo("linux");
      assertThat(info.architecture()).isEqualTo("x86_64");
      assertThat(info.liveRestoreEnabled()).isFalse();
      assertThat(info.experimentalBuild()).isFalse();
      assertThat(info.defaultRuntime()).isEqualTo("runc");
      assertThat(info.authorizationPlugins()).isEmpty();
      assertThat(info.insecureRegistryCidrs()).containsExactly("127.0.0.0/8");
      assertThat(info.warnings()).isEmpty();
    }
  }

  @Test
  void info_hardenedInSmallChunks_parsesSecurityFields() throws Exception {
    String body = new String(resource("info-hardened/info.json"), StandardCharsets.UTF_8);
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, chunked(body, 7))) {
      EngineInfo info = engine.client().info();

      assertThat(info.usernsRemap()).isTrue();
      assertThat(info.rootless()).isTrue();
      assertThat(info.hasSecurityOption("apparmor")).isTrue();
      assertThat(info.hasSecurityOption("selinux")).isFalse();
      assertThat(info.liveRestoreEnabled()).isTrue();
      assertThat(info.cgroupVersion()).isEqualTo("2");
      assertThat(info.authorizationPlugins()).containsExactly("drydock-authz");
      assertThat(info.insecureRegistryCidrs()).containsExactly("127.0.0.0/8", "10.0.0.0/8");
      assertThat(info.warnings()).hasSize(1);
      assertThat(info.containers()).isEqualTo(5);
      assertThat(info.containersRunning()).isEqualTo(3);
      assertThat(info.containersPaused()).isEqualTo(1);
      assertThat(info.containersStopped()).isEqualTo(1);
      assertThat(info.images()).isEqualTo(7);
    }
  }

  @Test
  void apiVersion_newerDaemon_usesClientMaximum() throws Exception {
    try (FakeEngine engine =
        FakeEngine.pingThen(dir, ping("1.99"), resource("recorded/version.http"))) {
      EngineClient client = engine.client();
      client.version();

      assertThat(client.apiVersion()).hasToString(EngineClient.MAX_API_VERSION);
      assertThat(engine.requests())
          .containsExactly("GET /_ping HTTP/1.1", "GET /v1.47/version HTTP/1.1");
    }
  }

  @Test
  void ping_daemonOlderThanClientMinimum_throwsProtocol() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, ping("1.12"), null)) {
      assertThatThrownBy(() -> engine.client().info())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("speaks API 1.12")
          .hasMessageContaining("Upgrade Docker");
    }
  }

  @Test
  void ping_noApiVersionHeader_throwsProtocol() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, http(200, "", "OK"), null)) {
      assertThatThrownBy(() -> engine.client().ping())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("Api-Version header is missing");
    }
  }

  @Test
  void ping_malformedApiVersionHeader_throwsProtocol() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, ping("latest"), null)) {
      assertThatThrownBy(() -> engine.client().ping())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("Api-Version header is malformed");
    }
  }

  @Test
  void info_responseLargerThanLimit_throwsTooLarge() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, resource("recorded/info.http"))) {
      EngineClient client = engine.client(EngineOptions.defaults().withMaxResponseBytes(1000));

      assertThatThrownBy(client::info)
          .isInstanceOfSatisfying(
              EngineResponseTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(1000))
          .hasMessageContaining("larger than the limit of 1000 bytes");
    }
  }

  @Test
  void version_contentLengthLargerThanLimit_throwsTooLargeBeforeReading() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, resource("recorded/version.http"))) {
      EngineClient client = engine.client(EngineOptions.defaults().withMaxResponseBytes(100));

      assertThatThrownBy(client::version).isInstanceOf(EngineResponseTooLargeException.class);
    }
  }

  @Test
  void info_malformedJson_throwsProtocolNamingTheRequest() throws Exception {
    byte[] broken = http(200, "Content-Type: application/json\r\n", "{\"ID\": \"x\", ");
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, broken)) {
      assertThatThrownBy(() -> engine.client().info())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("GET /v1.41/info")
          .hasMessageContaining("not valid JSON");
    }
  }

  @Test
  void info_jsonArrayInsteadOfObject_throwsProtocol() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, http(200, "", "[1,2]"))) {
      assertThatThrownBy(() -> engine.client().info())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("not a JSON object");
    }
  }

  @Test
  void info_fieldOfWrongType_throwsProtocolNamingField() throws Exception {
    String body = "{\"ServerVersion\":\"1\",\"Containers\":\"many\"}";
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().info())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("Containers should be an integer");
    }
  }

  @Test
  void info_negativeCount_throwsProtocol() throws Exception {
    String body = "{\"ServerVersion\":\"1\",\"Images\":-1}";
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().info())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("negative count");
    }
  }

  @Test
  void version_missingRequiredField_throwsProtocol() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, http(200, "", "{\"Version\":\"1\"}"))) {
      assertThatThrownBy(() -> engine.client().version())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("ApiVersion is missing");
    }
  }

  @Test
  void version_500WithMessage_throwsApiException() throws Exception {
    byte[] error =
        http(500, "Content-Type: application/json\r\n", "{\"message\":\"driver failed\"}\n");
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, error)) {
      assertThatThrownBy(() -> engine.client().version())
          .isInstanceOfSatisfying(
              EngineApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.daemonMessage()).isEqualTo("driver failed");
                assertThat(e.action()).isEqualTo("get the version of the Docker daemon");
                assertThat(e.endpoint()).isEqualTo(engine.endpoint().address());
              })
          .hasMessageStartingWith("Tried to get the version of the Docker daemon at unix://")
          .hasMessageEndingWith("failed because: the daemon answered HTTP 500: driver failed");
    }
  }

  @Test
  void info_recorded404_throwsApiExceptionWithDaemonMessage() throws Exception {
    try (FakeEngine engine =
        FakeEngine.pingThen(dir, PING, resource("recorded/container-not-found.http"))) {
      assertThatThrownBy(() -> engine.client().info())
          .isInstanceOfSatisfying(
              EngineApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.daemonMessage()).isEqualTo("No such container: nope");
              });
    }
  }

  @Test
  void version_recorded400TooNew_throwsApiException() throws Exception {
    try (FakeEngine engine =
        FakeEngine.pingThen(dir, PING, resource("recorded/version-too-new.http"))) {
      assertThatThrownBy(() -> engine.client().version())
          .isInstanceOf(EngineApiException.class)
          .hasMessageContaining("Maximum supported API version is 1.41");
    }
  }

  @Test
  void version_plainTextError_usesBodyAsMessage() throws Exception {
    String longText = "x".repeat(400);
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, http(502, "", longText))) {
      assertThatThrownBy(() -> engine.client().version())
          .isInstanceOfSatisfying(
              EngineApiException.class,
              e -> assertThat(e.daemonMessage()).hasSize(303).endsWith("..."));
    }
  }

  @Test
  void version_errorWithoutBody_saysNoMessage() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, http(503, "", ""))) {
      assertThatThrownBy(() -> engine.client().version())
          .isInstanceOfSatisfying(
              EngineApiException.class,
              e -> assertThat(e.daemonMessage()).isEqualTo("(no message)"));
    }
  }

  @Test
  void ping_missingSocket_throwsUnreachableWithAdvice() {
    EngineClient client = EngineClient.create(new EngineEndpoint.Unix(dir.resolve("nope.sock")));

    assertThatThrownBy(client::ping)
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageContaining(dir.resolve("nope.sock") + " does not exist")
        .hasMessageContaining("Start dockerd")
        .hasMessageContaining("DOCKER_HOST");
  }

  @Test
  void ping_socketWithoutListener_throwsUnreachableConnectionRefused() throws Exception {
    FakeEngine engine = FakeEngine.pingThen(dir, PING, null);
    engine.close(); // the socket file stays, but nothing listens any more

    assertThatThrownBy(() -> engine.client().ping())
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageContaining("nothing accepts connections on " + engine.endpoint().socket());
  }

  @Test
  void ping_daemonNeverAnswers_throwsTimeout() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, null, null)) {
      EngineClient client =
          engine.client(EngineOptions.defaults().withReadTimeout(java.time.Duration.ofMillis(200)));

      assertThatThrownBy(client::ping)
          .isInstanceOf(EngineTimeoutException.class)
          .hasMessageContaining("did not answer in time");
    }
  }

  @Test
  void ping_notHttp_throwsProtocol() throws Exception {
    byte[] garbage = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);
    try (FakeEngine engine = FakeEngine.pingThen(dir, garbage, null)) {
      assertThatThrownBy(() -> engine.client().ping())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("not an HTTP/1.1 status line");
    }
  }

  @Test
  void version_bodyCutShort_throwsProtocol() throws Exception {
    byte[] cut =
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Version\""
            .getBytes(StandardCharsets.US_ASCII);
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, cut)) {
      assertThatThrownBy(() -> engine.client().version())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("closed after 10 of 100 body bytes");
    }
  }

  @Test
  void ping_closedWithoutAnswer_throwsProtocol() throws Exception {
    try (FakeEngine engine = FakeEngine.pingThen(dir, new byte[0], null)) {
      assertThatThrownBy(() -> engine.client().ping())
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("closed in the middle of the HTTP head");
    }
  }

  @Test
  void version_bodyUntilClose_isRead() throws Exception {
    String body = new String(resource("recorded/version.http"), StandardCharsets.UTF_8);
    byte[] noLength =
        ("HTTP/1.0 200 OK\r\n\r\n" + body.substring(body.indexOf("\r\n\r\n") + 4))
            .getBytes(StandardCharsets.UTF_8);
    try (FakeEngine engine = FakeEngine.pingThen(dir, PING, noLength)) {
      assertThat(engine.client().version().version()).isEqualTo("20.10.24+dfsg1");
    }
  }

  @Test
  void create_exposesEndpoint() {
    EngineEndpoint endpoint = EngineEndpoint.parse("tcp://127.0.0.1:1");

    assertThat(EngineClient.create(endpoint).endpoint()).isEqualTo(endpoint);
  }

  @Test
  void ping_tcpConnectionRefused_throwsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EngineClient client = EngineClient.create(new EngineEndpoint.Tcp("127.0.0.1", port));

    assertThatThrownBy(client::ping)
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageContaining("the connection to tcp://127.0.0.1:" + port + " was refused");
  }

  @Test
  void ping_unknownHost_throwsUnreachable() {
    EngineClient client = EngineClient.create(new EngineEndpoint.Tcp("no-such-host.invalid", 2375));

    assertThatThrownBy(client::ping)
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageContaining("host name in tcp://no-such-host.invalid:2375 is unknown");
  }
}
