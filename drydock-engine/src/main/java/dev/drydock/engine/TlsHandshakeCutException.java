package dev.drydock.engine;

import java.io.IOException;
import java.io.Serial;
import java.net.SocketException;

/**
 * The daemon reset or closed the TCP connection in the middle of the TLS handshake, without an
 * alert we could read: how a daemon's refusal of our client certificate looks when its reset
 * overtakes its alert. Mapped by {@link TransportFailures}.
 */
final class TlsHandshakeCutException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  TlsHandshakeCutException(SocketException cause) {
    super(
        "the daemon cut the connection during the TLS handshake (" + cause.getMessage() + ")",
        cause);
  }
}
