package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EngineTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @Test
  void ping_tlsWithTrustedServerAndClientCertificate_succeeds() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      assertThat(client.ping().apiVersion()).hasToString("1.41");
    }
  }

  @Test
  void ping_plainTcp_succeeds() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(null)) {
      EngineClient client = EngineClient.create(new EngineEndpoint.Tcp("127.0.0.1", engine.port()));

      assertThat(client.ping().osType()).isEqualTo("linux");
    }
  }

  @Test
  void ping_serverSignedByUntrustedCa_failsServerNotTrusted() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"))) {
      EngineClient client =
          client("127.0.0.1", engine.port(), context("client.p12", "other-ca.crt"));

      assertThatThrownBy(client::ping)
          .isInstanceOfSatisfying(
              EngineTlsException.class,
              e -> assertThat(e.failure()).isEqualTo(EngineTlsException.Failure.SERVER_NOT_TRUSTED))
          .hasMessageContaining("we do not trust the daemon's certificate");
    }
  }

  @Test
  void ping_serverCertificateForOtherName_failsServerNotTrusted() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server-wrong-name.p12", "ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      assertThatThrownBy(client::ping)
          .isInstanceOfSatisfying(
              EngineTlsException.class,
              e ->
                  assertThat(e.failure()).isEqualTo(EngineTlsException.Failure.SERVER_NOT_TRUSTED));
    }
  }

  @Test
  void ping_withoutClientCertificate_failsClientCertificateRefused() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context(null, "ca.crt"));

      assertThatThrownBy(client::ping)
          .isInstanceOfSatisfying(
              EngineTlsException.class,
              e ->
                  assertThat(e.failure())
                      .isEqualTo(EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED))
          .hasMessageContaining("the daemon refused our client certificate");
    }
  }

  @Test
  void ping_clientCertificateFromUnknownCa_failsClientCertificateRefused() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "other-ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      assertThatThrownBy(client::ping)
          .isInstanceOfSatisfying(
              EngineTlsException.class,
              e ->
                  assertThat(e.failure())
                      .isEqualTo(EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED));
    }
  }

  @Test
  void ping_tlsToPlainServer_failsHandshake() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(null)) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      assertThatThrownBy(client::ping)
          .isInstanceOfSatisfying(
              EngineTlsException.class,
              e -> assertThat(e.failure()).isEqualTo(EngineTlsException.Failure.HANDSHAKE_FAILED))
          .hasMessageContaining("Check that the daemon serves TLS");
    }
  }

  private static EngineClient client(String host, int port, SSLContext context) {
    return EngineClient.create(EngineEndpoint.parse("tcp://" + host + ":" + port, context));
  }

  static SSLContext context(@Nullable String keyStore, String trustedCa) throws Exception {
    KeyManager[] keyManagers = null;
    if (keyStore != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = open("tls/" + keyStore)) {
        keys.load(in, PASSWORD);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      keyManagers = kmf.getKeyManagers();
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = open("tls/" + trustedCa)) {
      trust.setCertificateEntry(
          "ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keyManagers, tmf.getTrustManagers(), null);
    return context;
  }

  private static InputStream open(String name) {
    InputStream in = EngineTlsTest.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }
}
