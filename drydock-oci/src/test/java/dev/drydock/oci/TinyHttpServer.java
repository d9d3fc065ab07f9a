package dev.drydock.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 server on loopback for tests: one request per connection ({@code Connection:
 * close}), handled by a function. (The JDK's {@code com.sun.net.httpserver} is barred by the
 * forbidden-apis gate.)
 */
final class TinyHttpServer implements AutoCloseable {
  @SuppressWarnings("ArrayRecordComponent") // test-only value, never compared
  record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return String.valueOf(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  @SuppressWarnings("ArrayRecordComponent") // test-only value, never compared
  record Response(int status, Map<String, String> headers, byte[] body) {
    static Response of(int status, String body, String... headers) {
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i + 1 < headers.length; i += 2) {
        map.put(headers[i], headers[i + 1]);
      }
      return new Response(status, map, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @FunctionalInterface
  interface Handler {
    Response handle(Request request) throws IOException;
  }

  private final ServerSocket socket;
  private final Handler handler;
  private final Thread acceptor;

  TinyHttpServer(Handler handler) throws IOException {
    this.handler = handler;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String[] requestLine = line(in).split(" ", 3);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      Response r =
          handler.handle(new Request(requestLine[0], URI.create(requestLine[1]), headers, body));
      StringBuilder head = new StringBuilder("HTTP/1.1 " + r.status() + " X\r\n");
      r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ")
          .append(r.body().length)
          .append("\r\nConnection: close\r\n\r\n");
      OutputStream out = client.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(r.body());
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // A broken test connection shows up as a client-side failure.
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
      if (b != '\r') {
        buf.write(b);
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
