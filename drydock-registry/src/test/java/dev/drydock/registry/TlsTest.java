package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pki.TlsOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a certificate from drydock's CA, HTTP/2 through ALPN, and the plain-HTTP rules. */
class TlsTest {
  @TempDir Path dir;

  @Test
  void servesHttp2OverTlsWithTheDrydockCertificate() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RegistryConfig config =
        RegistryConfig.tls(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TlsOptions.of(tls.server.tlsFiles()),
            Clock.systemUTC());
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(tls.clientContext())
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try (RegistryServer server =
            RegistryServer.start(
                config,
                dir.resolve("data"),
                AccessPolicy.OPEN,
                new RegistryServer.Security(
                    new MemorySecurityStore(), new TestSecrets(), AuditLog.NONE));
        TestRegistry registry = TestRegistry.wrap(server, clock, dir.resolve("data"), http)) {
      registry.login("admin", TestRegistry.adminSecret(dir.resolve("data")));
      assertThat(server.baseUri().getScheme()).isEqualTo("https");
      HttpResponse<byte[]> base = registry.get("/v2/");
      assertThat(base.statusCode()).isEqualTo(200);
      assertThat(base.version()).isEqualTo(HttpClient.Version.HTTP_2);
      var image = registry.pushImage("secure/app", "v1", bytes("layer over h2"));
      HttpResponse<byte[]> pulled = registry.get("/v2/secure/app/manifests/v1");
      assertThat(pulled.body()).isEqualTo(image.bytes());
      assertThat(pulled.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }

  @Test
  void clientsThatDoNotTrustTheCaAreRefused() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    RegistryConfig config =
        RegistryConfig.tls(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TlsOptions.of(tls.server.tlsFiles()),
            Clock.systemUTC());
    try (RegistryServer server =
        RegistryServer.start(
            config,
            dir.resolve("data"),
            AccessPolicy.OPEN,
            new RegistryServer.Security(
                new MemorySecurityStore(), new TestSecrets(), AuditLog.NONE))) {
      javax.net.ssl.SSLSocketFactory untrusting =
          javax.net.ssl.SSLContext.getDefault().getSocketFactory();
      try (var socket =
          (javax.net.ssl.SSLSocket)
              untrusting.createSocket("127.0.0.1", server.address().getPort())) {
        socket.setSoTimeout(10_000);
        assertThatThrownBy(socket::startHandshake)
            .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      }
    }
  }

  @Test
  void plainHttpNeedsConsentAndLoopback() throws Exception {
    Clock clock = Clock.systemUTC();
    InetSocketAddress any = new InetSocketAddress(InetAddress.getByAddress(new byte[4]), 5000);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
    assertThatThrownBy(() -> RegistryConfig.insecureLoopback(any, clock))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("only on a loopback address");
    assertThatThrownBy(
            () ->
                new RegistryConfig(
                    loopback,
                    null,
                    false,
                    RegistryConfig.DEFAULT_UPLOAD_TTL,
                    RegistryConfig.DEFAULT_MAX_BLOB,
                    RegistryConfig.DEFAULT_MAX_MANIFEST,
                    RegistryConfig.DEFAULT_MAX_UPLOADS,
                    clock,
                    RegistryConfig.Auth.OFF))
        .hasMessageContaining("TLS is required");
    assertThat(RegistryConfig.insecureLoopback(loopback, clock).tls()).isNull();
    assertThat(
            RegistryConfig.insecureLoopback(
                    new InetSocketAddress(
                        InetAddress.getByAddress(
                            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                        0),
                    clock)
                .insecureLoopbackHttp())
        .isTrue();
  }

  @Test
  void aBusyPortIsANamedError() throws Exception {
    try (TestRegistry first = TestRegistry.start(dir.resolve("a"))) {
      RegistryConfig config =
          RegistryConfig.insecureLoopback(first.server.address(), Clock.systemUTC());
      assertThatThrownBy(() -> RegistryServer.start(config, dir.resolve("b"), AccessPolicy.OPEN))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("Cannot start the registry on");
    }
  }
}
