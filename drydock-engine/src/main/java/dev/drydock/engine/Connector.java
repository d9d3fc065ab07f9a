package dev.drydock.engine;

import java.io.IOException;

/**
 * Opens connections to one daemon. The seam between the HTTP exchange and the socket kind: Unix
 * socket, plain TCP or TLS.
 */
interface Connector {
  /**
   * Opens a new connection, completing the TLS handshake where there is one.
   *
   * @throws IOException if the daemon cannot be reached
   */
  Connection open() throws IOException;

  /** {@return the value for the {@code Host} header} */
  String hostHeader();

  static Connector forEndpoint(EngineEndpoint endpoint, EngineOptions options) {
    return switch (endpoint) {
      case EngineEndpoint.Unix unix -> new UnixConnector(unix.socket(), options);
      case EngineEndpoint.Tcp tcp -> new TcpConnector(tcp.host(), tcp.port(), null, options);
      case EngineEndpoint.Tls tls ->
          new TcpConnector(tls.host(), tls.port(), tls.sslContext(), options);
    };
  }
}
