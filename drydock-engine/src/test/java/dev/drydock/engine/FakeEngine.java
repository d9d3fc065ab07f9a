package dev.drydock.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A fake Docker daemon on a Unix socket: for each request it replays the bytes {@code responder}
 * picks from the request line ({@code GET /_ping HTTP/1.1}). A null answer means "never answer".
 */
final class FakeEngine implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final Function<String, byte @Nullable []> responder;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private final boolean holdOpen;

  private FakeEngine(
      ServerSocketChannel server,
      Path socket,
      Function<String, byte @Nullable []> responder,
      boolean holdOpen) {
    this.server = server;
    this.socket = socket;
    this.responder = responder;
    this.holdOpen = holdOpen;
    this.acceptor = Thread.ofVirtual().name("fake-engine").start(this::acceptLoop);
  }

  static FakeEngine start(Path dir, Function<String, byte @Nullable []> responder)
      throws IOException {
    return start(dir, responder, false);
  }

  /** Like {@link #start} but keeps each connection open after the answer, as a stream would. */
  static FakeEngine holding(Path dir, Function<String, byte @Nullable []> responder)
      throws IOException {
    return start(dir, responder, true);
  }

  private static FakeEngine start(
      Path dir, Function<String, byte @Nullable []> responder, boolean holdOpen)
      throws IOException {
    Path socket = dir.resolve("docker.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return new FakeEngine(server, socket, responder, holdOpen);
  }

  /** Answers {@code /_ping} with {@code ping} and every other path with {@code other}. */
  static FakeEngine pingThen(Path dir, byte @Nullable [] ping, byte @Nullable [] other)
      throws IOException {
    return start(dir, line -> line.startsWith("GET /_ping ") ? ping : other);
  }

  EngineEndpoint.Unix endpoint() {
    return new EngineEndpoint.Unix(socket);
  }

  EngineClient client() {
    return EngineClient.create(endpoint());
  }

  EngineClient client(EngineOptions options) {
    return EngineClient.create(endpoint(), options);
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  /** {@return a recorded response from {@code src/test/resources/dev/drydock/engine/}} */
  static byte[] resource(String name) {
    try (InputStream in =
        Objects.requireNonNull(
            FakeEngine.class.getResourceAsStream(name), () -> "missing test resource " + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return a response with the given status, extra header lines and a Content-Length body} */
  static byte[] http(int status, String headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " Whatever\r\n"
            + headers
            + "Content-Length: "
            + bytes.length
            + "\r\n\r\n";
    return concat(head.getBytes(StandardCharsets.US_ASCII), bytes);
  }

  /** {@return a 200 response whose JSON body is split into chunks of {@code size} bytes} */
  static byte[] chunked(String body, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += size) {
      int n = Math.min(size, bytes.length - i);
      out.writeBytes((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\nX-Trailer: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static byte[] ping(String apiVersion) {
    return http(200, "Api-Version: " + apiVersion + "\r\nOstype: linux\r\n", "OK");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        Thread.ofVirtual().start(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection) {
      String requestLine = readHead(connection);
      requests.add(requestLine);
      byte[] answer = responder.apply(requestLine);
      if (answer == null) {
        Thread.sleep(30_000);
        return;
      }
      ByteBuffer buffer = ByteBuffer.wrap(answer);
      while (buffer.hasRemaining()) {
        connection.write(buffer);
      }
      if (holdOpen && !requestLine.startsWith("GET /_ping ")) {
        Thread.sleep(30_000);
      }
    } catch (IOException | InterruptedException e) {
      // The client gave up or the fake was closed.
    }
  }

  private static String readHead(SocketChannel connection) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      one.clear();
      if (connection.read(one) < 0) {
        break;
      }
      head.write(one.array()[0]);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int end = text.indexOf("\r\n");
    return end < 0 ? text : text.substring(0, end);
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
    // A channel closed under a blocked accept() keeps listening until that accept returns.
    try {
      if (!acceptor.join(Duration.ofSeconds(10))) {
        throw new IOException("the fake engine's acceptor did not stop within 10 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the fake engine", e);
    }
  }
}
