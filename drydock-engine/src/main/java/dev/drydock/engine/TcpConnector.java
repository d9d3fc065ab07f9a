package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * Connects over TCP, wrapping the socket in TLS if configured.
 *
 * <p>TLS offers TLS 1.3 and TLS 1.2, whatever the caller's {@link SSLContext} enables by default
 * (an {@code SSLContext.getInstance("TLSv1.2")} would otherwise never offer 1.3), so a daemon that
 * can do TLS 1.3 gets it and one limited to 1.2 still works; dockerd speaks both. Older versions
 * are never offered. The daemon's certificate must name the host we dialled ({@code HTTPS} endpoint
 * identification, as a browser checks), and the name is sent as SNI.
 *
 * <p>A daemon that refuses our client certificate says so with an alert, but in TLS 1.3 the alert
 * comes after our side of the handshake is done, and it may be lost to the daemon's connection
 * reset: then the failure is a reset or broken pipe on the first write or read. A TLS 1.3
 * connection therefore remembers whether it presented a client certificate that the daemon has not
 * yet answered (see {@link Connection#clientCertificateUnconfirmed()}). In either version a reset
 * or broken pipe during the handshake, with the TCP connection already up, becomes a {@link
 * TlsHandshakeCutException}. {@link TransportFailures} explains both as a refused certificate.
 */
final class TcpConnector implements Connector {
  /** Preferred first. */
  private static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

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
      return sslContext == null
          ? SocketConnection.plain(socket)
          : SocketConnection.tls(handshake(socket, sslContext));
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
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    List<String> supported = List.of(tls.getSupportedProtocols());
    parameters.setProtocols(
        TLS_PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
    parameters.setCipherSuites(withTls13Suites(tls, parameters.getCipherSuites()));
    tls.setSSLParameters(parameters);
    plain.setSoTimeout(options.connectTimeoutMillis());
    try {
      tls.startHandshake();
    } catch (SocketException e) {
      // The TCP connection stood, so the daemon cut the handshake (JSSE rethrows socket errors
      // as they are, not as SSLExceptions).
      throw new TlsHandshakeCutException(e);
    }
    tls.setSoTimeout(options.readTimeoutMillis());
    return tls;
  }

  /**
   * {@return {@code enabled} led by the TLS 1.3 suites (all AEAD) when it has none: a context made
   * for TLS 1.2 enables only 1.2 suites, and JSSE offers no version it has no enabled suite for}
   */
  private static String[] withTls13Suites(SSLSocket tls, String[] enabled) {
    List<String> suites = new ArrayList<>();
    for (String suite : tls.getSupportedCipherSuites()) {
      if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
        suites.add(suite);
      }
    }
    if (suites.stream().anyMatch(List.of(enabled)::contains)) {
      return enabled;
    }
    suites.addAll(List.of(enabled));
    return suites.toArray(String[]::new);
  }

  private record SocketConnection(
      Socket socket, InputStream input, OutputStream output, BooleanSupplier unconfirmed)
      implements Connection {
    static SocketConnection plain(Socket socket) throws IOException {
      return new SocketConnection(
          socket, socket.getInputStream(), socket.getOutputStream(), () -> false);
    }

    static SocketConnection tls(SSLSocket socket) throws IOException {
      // A TLS 1.2 handshake ends with the daemon's Finished, after it accepted our certificate;
      // only TLS 1.3 lets our side finish first.
      SSLSession session = socket.getSession();
      boolean unanswered =
          session.getLocalCertificates() != null && session.getProtocol().equals("TLSv1.3");
      FirstByteInput input = new FirstByteInput(socket.getInputStream(), unanswered);
      return new SocketConnection(socket, input, socket.getOutputStream(), input::unconfirmed);
    }

    @Override
    public boolean clientCertificateUnconfirmed() {
      return unconfirmed.getAsBoolean();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** Notices the daemon's first byte after the client certificate we presented. */
  private static final class FirstByteInput extends BulkInputStream {
    private final InputStream in;
    private volatile boolean unconfirmed;

    FirstByteInput(InputStream in, boolean unconfirmed) {
      this.in = in;
      this.unconfirmed = unconfirmed;
    }

    boolean unconfirmed() {
      return unconfirmed;
    }

    @Override
    int readSome(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        unconfirmed = false;
      }
      return n;
    }
  }
}
