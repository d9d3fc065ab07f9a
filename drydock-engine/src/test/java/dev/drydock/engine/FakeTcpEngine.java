package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A fake daemon on 127.0.0.1 over plain TCP or TLS (requiring a client certificate) that answers
 * pings, and records the TLS version of each connection.
 */
final class FakeTcpEngine implements AutoCloseable {
  private final BlockingQueue<String> protocols = new LinkedBlockingQueue<>();
  private final LoopbackServer server;

  private FakeTcpEngine(ServerSocket socket) {
    this.server = new LoopbackServer(socket, this::serve);
  }

  static FakeTcpEngine start(@Nullable SSLContext tls) throws IOException {
    return tls == null
        ? new FakeTcpEngine(LoopbackServer.plainSocket())
        : start(tls, tls.getDefaultSSLParameters().getProtocols());
  }

  /** Starts a TLS daemon that speaks only {@code tlsVersions}, e.g. {@code TLSv1.2}. */
  static FakeTcpEngine start(SSLContext tls, String... tlsVersions) throws IOException {
    SSLServerSocket socket =
        (SSLServerSocket)
            tls.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    socket.setNeedClientAuth(true);
    socket.setEnabledProtocols(tlsVersions);
    return new FakeTcpEngine(socket);
  }

  int port() {
    return server.port();
  }

  /** {@return the TLS version of the next connection that answered a request} */
  String nextProtocol() throws InterruptedException {
    return LoopbackServer.next(protocols, "no TLS request was answered");
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      int first = in.read();
      if (first == 0x16) {
        // A TLS ClientHello on the plain port: answer as Go's HTTP server does.
        out.write(FakeEngine.http(400, "", "Client sent an HTTP request to an HTTPS server."));
        return;
      }
      String head = first < 0 ? "" : String.valueOf((char) first);
      while (!head.endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head += (char) b;
      }
      out.write(FakeEngine.ping("1.41"));
      out.flush();
      if (socket instanceof SSLSocket tls) {
        protocols.add(tls.getSession().getProtocol());
      }
    } catch (IOException e) {
      // handshake refused or client gone: that is what several tests want
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
