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
import org.assertj.core.api.AbstractThrowableAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

      pingFails(client, EngineTlsException.Failure.SERVER_NOT_TRUSTED)
          .hasMessageContaining("we do not trust the daemon's certificate");
    }
  }

  @Test
  void ping_serverCertificateForOtherName_failsServerNotTrusted() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server-wrong-name.p12", "ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      pingFails(client, EngineTlsException.Failure.SERVER_NOT_TRUSTED);
    }
  }

  @Test
  void ping_withoutClientCertificate_failsClientCertificateRefused() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context(null, "ca.crt"));

      pingFails(client, EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED)
          .hasMessageContaining("the daemon refused our client certificate");
    }
  }

  @Test
  void ping_clientCertificateFromUnknownCa_failsClientCertificateRefused() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "other-ca.crt"))) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      pingFails(client, EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED);
    }
  }

  @Test
  void ping_tlsToPlainServer_failsHandshake() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(null)) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      pingFails(client, EngineTlsException.Failure.HANDSHAKE_FAILED)
          .hasMessageContaining("Check that the daemon serves TLS");
    }
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({"TLSv1.3, ALERT", "TLSv1.3, RESET", "TLSv1.2, ALERT", "TLSv1.2, RESET"})
  void ping_daemonRefusesOurClientCertificate_failsClientCertificateRefused(
      String tlsVersion, RefusingTlsEngine.Refusal refusal) throws Exception {
    try (RefusingTlsEngine engine = RefusingTlsEngine.start(tlsVersion, refusal)) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));
      // Repeated: whether the alert, a reset or a broken pipe reaches us first is a race.
      for (int i = 0; i < 15; i++) {
        pingFails(client, EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED)
            .hasMessageContaining(
                "the daemon refused our client certificate: tcp://localhost:"
                    + engine.port()
                    + " did not accept it")
            .hasMessageContaining("issued by the CA the daemon trusts")
            .hasMessageContaining("has not expired and is not revoked");
        assertThat(engine.nextRefusedProtocol()).isEqualTo(tlsVersion);
      }
    }
  }

  @Test
  void ping_callerContextDefaultsToTls12_stillNegotiatesTls13() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"))) {
      SSLContext tls12Default = context("client.p12", "ca.crt", "TLSv1.2");
      EngineClient client = client("localhost", engine.port(), tls12Default);

      client.ping();

      assertThat(tls12Default.getDefaultSSLParameters().getProtocols()).doesNotContain("TLSv1.3");
      assertThat(engine.nextProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void ping_daemonWithTls12Only_negotiatesTls12() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"), "TLSv1.2")) {
      EngineClient client = client("localhost", engine.port(), context("client.p12", "ca.crt"));

      assertThat(client.ping().apiVersion()).hasToString("1.41");
      assertThat(engine.nextProtocol()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void ping_daemonWithTls13_negotiatesTls13() throws Exception {
    try (FakeTcpEngine engine = FakeTcpEngine.start(context("server.p12", "ca.crt"))) {
      client("localhost", engine.port(), context("client.p12", "ca.crt")).ping();

      assertThat(engine.nextProtocol()).isEqualTo("TLSv1.3");
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> pingFails(
      EngineClient client, EngineTlsException.Failure failure) {
    return assertThatThrownBy(client::ping)
        .isInstanceOfSatisfying(
            EngineTlsException.class, e -> assertThat(e.failure()).isEqualTo(failure));
  }

  private static EngineClient client(String host, int port, SSLContext context) {
    return EngineClient.create(EngineEndpoint.parse("tcp://" + host + ":" + port, context));
  }

  static SSLContext context(@Nullable String keyStore, String trustedCa) throws Exception {
    return context(keyStore, trustedCa, "TLSv1.3");
  }

  static SSLContext context(@Nullable String keyStore, String trustedCa, String protocol)
      throws Exception {
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
    SSLContext context = SSLContext.getInstance(protocol);
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
