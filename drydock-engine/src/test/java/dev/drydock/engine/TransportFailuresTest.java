package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportFailuresTest {
  @TempDir Path dir;

  @Test
  void classify_goServerAlerts_areClientCertificateRefused() {
    for (String alert : new String[] {"bad_certificate", "certificate_required", "unknown_ca"}) {
      assertThat(
              TransportFailures.classify(
                  new SSLHandshakeException("Received fatal alert: " + alert)))
          .isEqualTo(EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED);
    }
  }

  @Test
  void classify_certificateCause_isServerNotTrusted() {
    SSLHandshakeException e = new SSLHandshakeException("PKIX path building failed");
    e.initCause(new CertificateException("unable to find valid certification path"));

    assertThat(TransportFailures.classify(e))
        .isEqualTo(EngineTlsException.Failure.SERVER_NOT_TRUSTED);
  }

  @Test
  void classify_otherAlerts_areHandshakeFailures() {
    assertThat(
            TransportFailures.classify(
                new SSLHandshakeException("Received fatal alert: protocol_version")))
        .isEqualTo(EngineTlsException.Failure.HANDSHAKE_FAILED);
  }

  @Test
  void onConnect_unixTimeoutAndPermission_sayWhatToDo() throws IOException {
    Path socket = java.nio.file.Files.createFile(dir.resolve("d.sock"));
    TransportFailures failures = new TransportFailures(new EngineEndpoint.Unix(socket));

    assertThat(failures.onConnect("ping", new SocketTimeoutException("connect timed out")))
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageContaining("timed out");
    assertThat(failures.onConnect("ping", new IOException("Permission denied")))
        .hasMessageContaining("permission denied")
        .hasMessageContaining("docker");
  }

  @Test
  void onConnect_tcpTimeoutAndOther_sayWhatToDo() {
    TransportFailures failures = new TransportFailures(new EngineEndpoint.Tcp("h", 1));

    assertThat(failures.onConnect("ping", new SocketTimeoutException("x")))
        .hasMessageContaining("connecting to tcp://h:1 timed out");
    assertThat(failures.onConnect("ping", new IOException("odd")))
        .hasMessageContaining("connecting to tcp://h:1 failed");
  }

  @Test
  void onExchange_otherIoFailure_isUnreachable() {
    TransportFailures failures = new TransportFailures(new EngineEndpoint.Tcp("h", 1));

    assertThat(failures.onExchange("ping", new IOException("Connection reset"), 10, false))
        .isInstanceOf(EngineUnreachableException.class)
        .hasMessageContaining("Connection reset");
  }

  @Test
  void onExchange_resetBeforeAnswerToClientCertificate_isClientCertificateRefused() {
    TransportFailures failures = new TransportFailures(new EngineEndpoint.Tcp("h", 2376));

    assertThat(failures.onExchange("ping", new SocketException("Broken pipe"), 10, true))
        .isInstanceOfSatisfying(
            EngineTlsException.class,
            e ->
                assertThat(e.failure())
                    .isEqualTo(EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED))
        .hasMessageContaining("tcp://h:2376 did not accept it")
        .hasMessageContaining("Broken pipe");
  }

  @Test
  void onExchange_timeoutBeforeAnswerToClientCertificate_staysTimeout() {
    TransportFailures failures = new TransportFailures(new EngineEndpoint.Tcp("h", 2376));

    assertThat(failures.onExchange("ping", new SocketTimeoutException("Read timed out"), 10, true))
        .isInstanceOf(EngineTimeoutException.class);
  }

  @Test
  void onConnect_handshakeCut_isClientCertificateRefused() {
    TransportFailures failures = new TransportFailures(new EngineEndpoint.Tcp("h", 2376));

    assertThat(
            failures.onConnect(
                "ping", new TlsHandshakeCutException(new SocketException("Connection reset"))))
        .isInstanceOf(EngineTlsException.class)
        .hasMessageContaining("tcp://h:2376 did not accept it")
        .hasMessageContaining("during the TLS handshake (Connection reset)");
  }
}
