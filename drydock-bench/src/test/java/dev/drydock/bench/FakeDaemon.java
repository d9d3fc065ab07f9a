package dev.drydock.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A canned Docker daemon on a Unix socket for states this host cannot be put in (an active swarm,
 * AppArmor, SELinux): each request path (without the version prefix and query) maps to a JSON body;
 * anything else is a 404.
 */
final class FakeDaemon implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final Map<String, String> bodies;

  private FakeDaemon(ServerSocketChannel server, Path socket, Map<String, String> bodies) {
    this.server = server;
    this.socket = socket;
    this.bodies = Map.copyOf(bodies);
    Thread.ofVirtual().start(this::acceptLoop);
  }

  static FakeDaemon start(Path dir, Map<String, String> bodies) throws IOException {
    Path socket = dir.resolve("fake.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return new FakeDaemon(server, socket, bodies);
  }

  Path socket() {
    return socket;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel c = server.accept();
        Thread.ofVirtual().start(() -> serve(c));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel c) {
    try (c) {
      String line = requestLine(c);
      int start = line.indexOf(' ') + 1;
      int end = line.indexOf(' ', start);
      String path = line.substring(start, end < 0 ? line.length() : end);
      int q = path.indexOf('?');
      path = q < 0 ? path : path.substring(0, q);
      path = path.replaceFirst("^/v1\\.[0-9]+", "");
      String response;
      if (path.equals("/_ping")) {
        response = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK";
      } else {
        String body = bodies.get(path);
        int status = body == null ? 404 : 200;
        body = body == null ? "{\"message\":\"no such object\"}" : body;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response =
            "HTTP/1.1 "
                + status
                + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n"
                + body;
      }
      ByteBuffer out = ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        c.write(out);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away
    }
  }

  private static String requestLine(SocketChannel c) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      one.clear();
      if (c.read(one) < 0) {
        break;
      }
      head.write(one.array()[0]);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.substring(0, Math.max(0, text.indexOf("\r\n")));
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
