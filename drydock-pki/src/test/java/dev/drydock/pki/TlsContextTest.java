package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextTest {
  @TempDir Path tmp;
  private final MutableClock clock = MutableClock.ofSystemTime();
  private CertificateAuthority ca;
  private Issuer issuer;
  private IssuedCertificate server;
  private IssuedCertificate client;

  @BeforeEach
  void createCa() throws Exception {
    ca = Fixtures.newCa(tmp.resolve("pki"), clock);
    issuer = ca.unlock(null);
    server = Fixtures.server(issuer, tmp.resolve("server"));
    client = Fixtures.client(issuer, tmp.resolve("client"), "alice");
  }

  @Test
  void handshake_mutualTls_tls13AndServerSeesClientIdentity() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO));
        SSLSocket socket =
            clientContext(client).connect("127.0.0.1", running.port(), Fixtures.TIMEOUT)) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
      socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      TestServer.Outcome outcome = running.next();
      assertThat(outcome.failure()).isNull();
      assertThat(outcome.line()).isEqualTo("hi");
      assertThat(outcome.identity())
          .isEqualTo(
              new ClientIdentity(
                  "alice",
                  List.of(),
                  List.of("ops", "admin"),
                  client.serial(),
                  client.certificate().getNotAfter().toInstant()));
    }
  }

  @Test
  void talk_mutualTls_serverAnswersWithRoles() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertThat(Fixtures.talk(clientContext(client), running.port(), "ping"))
          .isEqualTo("hello alice roles=[ops, admin]");
    }
  }

  @Test
  void handshake_rsaServerAndP384Client_succeeds() throws Exception {
    IssuedCertificate rsaServer =
        issuer.issue(
            IssueRequest.server("rsa")
                .sans("IP:127.0.0.1")
                .keyAlgorithm(KeyAlgorithm.RSA_3072)
                .build(),
            tmp.resolve("rsa"));
    IssuedCertificate p384Client =
        issuer.issue(
            IssueRequest.client("bob").keyAlgorithm(KeyAlgorithm.EC_P384).build(),
            tmp.resolve("bob"));
    try (TestServer running =
        TestServer.start(TlsContext.server(TlsOptions.of(rsaServer.tlsFiles()), clock))) {
      assertThat(Fixtures.talk(clientContext(p384Client), running.port(), "x"))
          .isEqualTo("hello bob roles=[]");
    }
  }

  @Test
  void handshake_tls12WhenAllowed_negotiatesTls12() throws Exception {
    TlsContext serverTls =
        TlsContext.server(
            TlsOptions.of(server.tlsFiles()).withVersions(TlsVersions.TLS_1_2_AND_1_3), clock);
    try (TestServer running = TestServer.start(serverTls);
        SSLSocket socket = tls12Socket(running.port())) {
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void handshake_tls12ByDefault_refused() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO));
        SSLSocket socket = tls12Socket(running.port())) {
      assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
      assertThat(running.next().failure()).isNotNull();
    }
  }

  @Test
  void handshake_clientWithoutCertificate_refused() throws Exception {
    SSLContext anonymous = SSLContext.getInstance("TLS");
    anonymous.init(
        null,
        new TrustManager[] {
          ReloadingTrustManager.load(server.caFile(), null, Duration.ZERO, clock)
        },
        null);
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertThatThrownBy(() -> exchange(anonymous, running.port())).isInstanceOf(IOException.class);
      assertThat(running.next().failure()).hasMessageContaining("certificate");
    }
  }

  @Test
  void handshake_revokedClientAfterServerStarted_refused() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      Fixtures.talk(clientContext(client), running.port(), "before");
      assertThat(running.next().identity()).isNotNull();

      issuer.revoke(client.serial(), RevocationReason.KEY_COMPROMISE);

      assertThatThrownBy(() -> Fixtures.talk(clientContext(client), running.port(), "after"))
          .isInstanceOf(IOException.class);
      assertThat(running.next().failure())
          .hasRootCauseInstanceOf(CertificateRevokedException.class);
    }
  }

  @Test
  void handshake_crlMissingAtStart_refusesEveryPeerNamingCrlFile() throws Exception {
    Files.delete(ca.crlFile());
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertRefusedForCrl(running, "the CRL file " + ca.crlFile() + " does not exist")
          .hasStackTraceContaining("cannot check whether certificate");

      issuer.writeCrl();
      assertAliceServed(running);
    }
  }

  @Test
  void handshake_crlDeletedAfterStart_refusedUntilRestored() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertAliceServed(running);

      Files.delete(ca.crlFile());
      assertRefusedForCrl(running, "the CRL file " + ca.crlFile() + " does not exist");

      issuer.writeCrl();
      assertAliceServed(running);
    }
  }

  @Test
  void handshake_crlUnreadable_refusedNamingCrlFile() throws Exception {
    Files.delete(ca.crlFile());
    Files.createDirectory(ca.crlFile());
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertRefusedForCrl(running, "the CRL file " + ca.crlFile() + " cannot be read");
    }
  }

  @Test
  void handshake_crlCorruptAtReload_keepsCheckingPreviousCrl() throws Exception {
    IssuedCertificate bob = Fixtures.client(issuer, tmp.resolve("bob"), "bob");
    issuer.revoke(bob.serial(), RevocationReason.KEY_COMPROMISE);
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      Files.writeString(ca.crlFile(), "-----BEGIN X509 CRL-----\nhalf");

      assertThatThrownBy(() -> Fixtures.talk(clientContext(bob), running.port(), "x"))
          .isInstanceOf(IOException.class);
      assertThat(running.next().failure())
          .hasRootCauseInstanceOf(CertificateRevokedException.class);
      assertThat(Fixtures.talk(clientContext(client), running.port(), "y"))
          .startsWith("hello alice");
    }
  }

  @Test
  void handshake_serverCertificateUsedAsClient_refusedForPurpose() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertThatThrownBy(() -> Fixtures.talk(clientContext(server), running.port(), "x"))
          .isInstanceOf(IOException.class);
      assertThat(running.next().failure())
          .rootCause()
          .hasMessageContaining("is not a TLS client certificate");
    }
  }

  @Test
  void handshake_clientCertificateUsedAsServer_clientRefuses() throws Exception {
    TlsContext wrongServer = TlsContext.server(TlsOptions.of(client.tlsFiles()), clock);
    try (TestServer running = TestServer.start(wrongServer)) {
      assertThatThrownBy(() -> Fixtures.talk(clientContext(client), running.port(), "x"))
          .isInstanceOf(IOException.class)
          .rootCause()
          .hasMessageContaining("is not a TLS server certificate");
    }
  }

  @Test
  void handshake_serverNotNamingHost_clientRefuses() throws Exception {
    IssuedCertificate other =
        issuer.issue(IssueRequest.server("other.example").build(), tmp.resolve("other"));
    try (TestServer running =
        TestServer.start(TlsContext.server(TlsOptions.of(other.tlsFiles()), clock))) {
      assertThatThrownBy(() -> Fixtures.talk(clientContext(client), running.port(), "x"))
          .isInstanceOf(IOException.class)
          .rootCause()
          .hasMessageContaining("is not valid for 127.0.0.1");
    }
  }

  @Test
  void handshake_clientFromOtherCa_refused() throws Exception {
    Issuer stranger = Fixtures.newIssuer(tmp.resolve("other-pki"), clock);
    IssuedCertificate foreign = Fixtures.client(stranger, tmp.resolve("foreign"), "alice");
    TlsFiles files = new TlsFiles(foreign.keyFile(), foreign.chainFile(), server.caFile(), null);
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertThatThrownBy(
              () ->
                  Fixtures.talk(
                      TlsContext.client(TlsOptions.of(files), clock), running.port(), "x"))
          .isInstanceOf(IOException.class);
      assertThat(running.next().failure()).hasStackTraceContaining("is not trusted");
    }
  }

  @Test
  void handshake_expiredClient_refused() throws Exception {
    IssuedCertificate expired = Fixtures.expiredClient(issuer, tmp.resolve("old"), clock);
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      assertThatThrownBy(() -> Fixtures.talk(clientContext(expired), running.port(), "x"))
          .isInstanceOf(IOException.class);
      assertThat(running.next().failure())
          .hasStackTraceContaining("is not trusted: validity check failed");
    }
  }

  @Test
  void rotation_serverFilesReplaced_newHandshakeSeesNewCertificateWithoutRestart()
      throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ofSeconds(30)))) {
      assertThat(servedCertificate(running)).isEqualTo(server.certificate());

      IssuedCertificate rotated = Fixtures.server(issuer, tmp.resolve("server"));
      assertThat(servedCertificate(running))
          .as("not checked again before the interval")
          .isEqualTo(server.certificate());

      clock.advance(Duration.ofSeconds(31));
      assertThat(servedCertificate(running)).isEqualTo(rotated.certificate());
      assertThat(rotated.serial()).isNotEqualTo(server.serial());
    }
  }

  @Test
  void rotation_brokenReplacement_keepsServingPreviousCertificate() throws Exception {
    try (TestServer running = TestServer.start(serverContext(Duration.ZERO))) {
      Files.writeString(server.chainFile(), "-----BEGIN CERTIFICATE-----\nbroken\n");
      assertThat(servedCertificate(running)).isEqualTo(server.certificate());
      assertThat(servedCertificate(running)).isEqualTo(server.certificate());
    }
  }

  @Test
  void server_mismatchedKey_throwsNamingFiles() throws Exception {
    TlsFiles files = new TlsFiles(client.keyFile(), server.chainFile(), server.caFile(), null);
    assertThatThrownBy(() -> TlsContext.server(TlsOptions.of(files), clock))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining(client.keyFile().toString())
        .hasMessageContaining("does not belong");
  }

  @Test
  void server_missingChain_throwsInvalidPem() {
    TlsFiles files = TlsFiles.in(tmp.resolve("nowhere"));
    assertThatThrownBy(() -> TlsContext.server(TlsOptions.of(files), clock))
        .isInstanceOf(InvalidPemException.class);
  }

  @Test
  void sslParameters_byRole_pinVersionsAndAuthentication() throws Exception {
    SSLParameters serverParameters = serverContext(Duration.ZERO).sslParameters();
    assertThat(serverParameters.getProtocols()).containsExactly("TLSv1.3");
    assertThat(serverParameters.getNeedClientAuth()).isTrue();
    assertThat(serverParameters.getCipherSuites())
        .allMatch(s -> s.startsWith("TLS_AES") || s.startsWith("TLS_CHACHA20"));
    SSLParameters clientParameters = clientContext(client).sslParameters();
    assertThat(clientParameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void helpers_wrongRole_throwIllegalState() throws Exception {
    TlsContext clientTls = clientContext(client);
    assertThatThrownBy(() -> clientTls.serverSocket(new InetSocketAddress(0)))
        .isInstanceOf(IllegalStateException.class);
    TlsContext serverTls = serverContext(Duration.ZERO);
    assertThatThrownBy(() -> serverTls.connect("127.0.0.1", 1, Fixtures.TIMEOUT))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Alice, who is not revoked, is refused; the server's error says {@code why}. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertRefusedForCrl(
      TestServer running, String why) throws Exception {
    assertThatThrownBy(() -> Fixtures.talk(clientContext(client), running.port(), "refused"))
        .isInstanceOf(IOException.class);
    return assertThat(running.next().failure()).hasStackTraceContaining(why);
  }

  private void assertAliceServed(TestServer running) throws Exception {
    assertThat(Fixtures.talk(clientContext(client), running.port(), "served"))
        .startsWith("hello alice");
    assertThat(running.next().failure()).isNull();
  }

  private TlsContext serverContext(Duration interval) throws PkiException {
    return TlsContext.server(
        TlsOptions.of(TlsFiles.in(server.directory()).withCrl(ca.crlFile()))
            .withReloadInterval(interval),
        clock);
  }

  private TlsContext clientContext(IssuedCertificate identity) throws PkiException {
    return TlsContext.client(TlsOptions.of(identity.tlsFiles()), clock);
  }

  /** A fresh client each time, so no session is resumed and the server sends its certificate. */
  private X509Certificate servedCertificate(TestServer running) throws Exception {
    try (SSLSocket socket =
        clientContext(client).connect("127.0.0.1", running.port(), Fixtures.TIMEOUT)) {
      socket.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      assertThat(running.next().failure()).isNull();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private SSLSocket tls12Socket(int port) throws Exception {
    TlsContext clientTls =
        TlsContext.client(
            TlsOptions.of(client.tlsFiles()).withVersions(TlsVersions.TLS_1_2_AND_1_3), clock);
    SSLSocket socket =
        (SSLSocket) clientTls.sslContext().getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout((int) Fixtures.TIMEOUT.toMillis());
    SSLParameters parameters = clientTls.sslParameters();
    parameters.setProtocols(new String[] {"TLSv1.2"});
    socket.setSSLParameters(parameters);
    return socket;
  }

  private static void exchange(SSLContext context, int port) throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout((int) Fixtures.TIMEOUT.toMillis());
      socket.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      if (socket.getInputStream().read() < 0) {
        throw new IOException("closed without an answer");
      }
    }
  }
}
