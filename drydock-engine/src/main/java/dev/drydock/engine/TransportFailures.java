package dev.drydock.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns socket and TLS failures into typed {@link EngineException}s that say what to do. */
final class TransportFailures {
  /**
   * TLS alerts a daemon sends when it rejects, or wanted, our client certificate (RFC 8446 6.2).
   */
  private static final List<String> CLIENT_CERTIFICATE_ALERTS =
      List.of(
          "bad_certificate",
          "certificate_required",
          "unknown_ca",
          "certificate_unknown",
          "unsupported_certificate",
          "certificate_revoked",
          "certificate_expired",
          "access_denied");

  private static final String START_DOCKER =
      "Start dockerd (e.g. 'sudo systemctl start docker'), or set DOCKER_HOST to where the daemon"
          + " listens.";

  private final EngineEndpoint endpoint;

  TransportFailures(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Maps a failure to open a connection (connect, TLS handshake). */
  String address() {
    return endpoint.address();
  }

  EngineException onConnect(String action, IOException e) {
    if (e instanceof SSLException tls) {
      return onTls(action, tls);
    }
    if (e instanceof TlsHandshakeCutException cut) {
      return clientCertificateRefused(action, String.valueOf(cut.getMessage()), cut);
    }
    String reason =
        switch (endpoint) {
          case EngineEndpoint.Unix unix -> unixReason(unix, e);
          case EngineEndpoint.Tcp tcp -> tcpReason(tcp.address(), e);
          case EngineEndpoint.Tls tls -> tcpReason(tls.address(), e);
        };
    return new EngineUnreachableException(action, endpoint.address(), reason, e);
  }

  /**
   * Maps a failure after the connection was open (request, response, TLS alerts on read).
   *
   * @param clientCertificateUnconfirmed whether we presented a TLS client certificate and the
   *     daemon had sent nothing since: then a TLS 1.3 daemon that drops the connection, whether by
   *     alert, reset (a broken pipe on our write) or close, is refusing the certificate
   */
  EngineException onExchange(
      String action, IOException e, long limit, boolean clientCertificateUnconfirmed) {
    if (clientCertificateUnconfirmed && !(e instanceof InterruptedIOException)) {
      return clientCertificateRefused(
          action,
          "it closed the connection after the TLS handshake without answering (" + e + ")",
          e);
    }
    String address = endpoint.address();
    return switch (e) {
      case SSLException tls -> onTls(action, tls);
      case BodyTooLargeException tooLarge ->
          new EngineResponseTooLargeException(action, address, limit, tooLarge);
      case MalformedHttpException malformed ->
          new EngineProtocolException(action, address, "the daemon " + malformed.getMessage(), e);
      case SocketTimeoutException timeout ->
          new EngineTimeoutException(
              action,
              address,
              "the daemon did not answer in time (" + timeout.getMessage() + ")",
              e);
      default ->
          new EngineUnreachableException(
              action,
              address,
              "the connection failed mid-request: " + e + ". Is dockerd healthy?",
              e);
    };
  }

  private EngineTlsException onTls(String action, SSLException e) {
    String detail = String.valueOf(e.getMessage());
    EngineTlsException.Failure failure = classify(e);
    String reason =
        switch (failure) {
          case CLIENT_CERTIFICATE_REFUSED -> clientCertificateReason("it said: " + detail);
          case SERVER_NOT_TRUSTED ->
              "we do not trust the daemon's certificate ("
                  + detail
                  + "). Trust the CA that signed the daemon's --tlscert, and make sure the certificate"
                  + " names the host we dialled.";
          case HANDSHAKE_FAILED ->
              "the TLS handshake failed ("
                  + detail
                  + "). Check that the daemon serves TLS on this port (dockerd --tlsverify).";
        };
    return new EngineTlsException(action, endpoint.address(), failure, reason, e);
  }

  private EngineTlsException clientCertificateRefused(String action, String how, IOException e) {
    return new EngineTlsException(
        action,
        endpoint.address(),
        EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED,
        clientCertificateReason(how),
        e);
  }

  private String clientCertificateReason(String how) {
    return "the daemon refused our client certificate: "
        + endpoint.address()
        + " did not accept it; "
        + how
        + ". Check that our certificate was issued by the CA the daemon trusts (its --tlscacert),"
        + " has not expired and is not revoked; a daemon with --tlsverify also refuses a client"
        + " that presents none.";
  }

  static EngineTlsException.Failure classify(SSLException e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException) {
        return EngineTlsException.Failure.SERVER_NOT_TRUSTED;
      }
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("received fatal alert")
        && CLIENT_CERTIFICATE_ALERTS.stream().anyMatch(message::contains)) {
      return EngineTlsException.Failure.CLIENT_CERTIFICATE_REFUSED;
    }
    return EngineTlsException.Failure.HANDSHAKE_FAILED;
  }

  private static String unixReason(EngineEndpoint.Unix unix, IOException e) {
    String socket = unix.socket().toString();
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (!Files.exists(unix.socket())) {
      return "the socket " + socket + " does not exist. " + START_DOCKER;
    }
    if (message.contains("permission denied") || message.contains("access denied")) {
      return "we may not open "
          + socket
          + " (permission denied). Run as root or as a member of the socket's group (usually"
          + " 'docker'), or fix the socket's permissions.";
    }
    if (e instanceof SocketTimeoutException) {
      return "connecting to " + socket + " timed out. Is dockerd overloaded or hung?";
    }
    return "nothing accepts connections on "
        + socket
        + " ("
        + e.getMessage()
        + "). "
        + START_DOCKER;
  }

  private static String tcpReason(String address, IOException e) {
    return switch (e) {
      case UnknownHostException unknown ->
          "the host name in " + address + " is unknown. Check DOCKER_HOST.";
      case SocketTimeoutException timeout ->
          "connecting to " + address + " timed out. Check the address and any firewall between.";
      case ConnectException refused ->
          "the connection to "
              + address
              + " was refused ("
              + refused.getMessage()
              + "). Start dockerd with -H tcp://..., or set DOCKER_HOST to where it listens.";
      default -> "connecting to " + address + " failed (" + e + "). " + START_DOCKER;
    };
  }
}
