package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** Connects over TCP, wrapping the socket in TLS (with host name verification) if configured. */
final class TcpConnector implements Connector {
  private final String host;
  private final int port;
  private final @Nullable SSLContext sslContext;
  private final EngineOptions options;

  TcpConnector(String host, int port, @Nullable SSLContext sslContext, EngineOptions options) {
    this.host = host;
    this.port = port;
    this.sslContext = sslContext;
    this.options = options;
  }

  @Override
  public Connection open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), options.connectTimeoutMillis());
      socket.setSoTimeout(options.readTimeoutMillis());
      return connection(sslContext == null ? socket : handshake(socket, sslContext));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public String hostHeader() {
    return EndpointParser.authority(host, port);
  }

  private SSLSocket handshake(Socket plain, SSLContext context) throws IOException {
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
    SSLParameters parameters = tls.getSSLParameters();
    // Check that the daemon's certificate names the host we dialled, as a browser would.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    plain.setSoTimeout(options.connectTimeoutMillis());
    tls.startHandshake();
    tls.setSoTimeout(options.readTimeoutMillis());
    return tls;
  }

  private static Connection connection(Socket socket) throws IOException {
    return new SocketConnection(socket, socket.getInputStream(), socket.getOutputStream());
  }

  private record SocketConnection(Socket socket, InputStream input, OutputStream output)
      implements Connection {
    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
