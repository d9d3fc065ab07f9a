package dev.drydock.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 server on loopback serving one archive, for the importer's integration test:
 * {@code /etag/all.zip} answers with an ETag and honours {@code If-None-Match}; {@code
 * /plain/all.zip} sends no validator; {@code /redirect/all.zip} redirects to the plain one; others
 * are 404. One request per connection ({@code Connection: close}). (The JDK's {@code
 * com.sun.net.httpserver} is barred by the forbidden-apis gate.)
 */
final class ArchiveServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] body;
  private final Thread acceptor;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  ArchiveServer(byte[] body) throws IOException {
    this.body = body.clone();
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread.ofVirtual().start(() -> handle(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream()) {
      String requestLine = in.readLine();
      if (requestLine == null) {
        return;
      }
      Map<String, String> headers = new HashMap<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).strip());
        }
      }
      String path = requestLine.split(" ", -1)[1];
      String inm = headers.get("if-none-match");
      requests.add(path + " " + inm);
      switch (path) {
        case "/etag/all.zip" -> {
          if ("\"v1\"".equals(inm)) {
            head(out, "304 Not Modified", "");
          } else {
            head(out, "200 OK", "ETag: \"v1\"\r\nContent-Length: " + body.length + "\r\n");
            out.write(body);
          }
        }
        case "/plain/all.zip" -> {
          head(out, "200 OK", "Content-Length: " + body.length + "\r\n");
          out.write(body);
        }
        case "/redirect/all.zip" -> head(out, "302 Found", "Location: /plain/all.zip\r\n");
        default -> head(out, "404 Not Found", "Content-Length: 0\r\n");
      }
      out.flush();
    } catch (IOException e) {
      // the client went away; nothing to serve
    }
  }

  private static void head(OutputStream out, String status, String headers) throws IOException {
    String h = "HTTP/1.1 " + status + "\r\nConnection: close\r\n" + headers + "\r\n";
    out.write(h.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
