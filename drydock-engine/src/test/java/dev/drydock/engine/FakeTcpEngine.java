package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.jspecify.annotations.Nullable;

/**
 * A fake daemon on 127.0.0.1 over plain TCP or TLS (requiring a client certificate) that answers
 * pings.
 */
final class FakeTcpEngine implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  private FakeTcpEngine(ServerSocket server) {
    this.server = server;
    this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  static FakeTcpEngine start(@Nullable SSLContext tls) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (tls == null) {
      return new FakeTcpEngine(new ServerSocket(0, 10, loopback));
    }
    SSLServerSocket server =
        (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, loopback);
    server.setNeedClientAuth(true);
    return new FakeTcpEngine(server);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket socket) {
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
    } catch (IOException e) {
      // handshake refused or client gone: that is what several tests want
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
