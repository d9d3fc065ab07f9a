package dev.drydock.oci;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Exports images through the Docker Engine API on a Unix socket: one {@code GET /images/{name}/get}
 * over HTTP/1.1, the body (chunked or not) streamed to the target file with a size cap. A watchdog
 * closes the socket when the whole export exceeds the timeout.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageGet">Engine
 *     API: export an image</a>
 */
public final class DockerSocketArchiveSource implements ImageArchiveSource {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@\\[\\]-]{0,511}");
  private static final int MAX_HEAD = 64 * 1024;

  private final Path socket;
  private final Duration timeout;
  private final long maxBytes;

  /**
   * @param socket the engine's socket, e.g. {@code /var/run/docker.sock}
   * @param timeout the most the whole export may take
   * @param maxBytes the largest archive accepted
   */
  public DockerSocketArchiveSource(Path socket, Duration timeout, long maxBytes) {
    this.socket = Objects.requireNonNull(socket, "socket");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.maxBytes = maxBytes;
  }

  @Override
  public void export(String image, Path target) throws OciException {
    if (!NAME.matcher(image).matches() || image.contains("..")) {
      throw new OciException("'" + image + "' is not a valid image name or ID");
    }
    String what = "export of " + image + " from " + socket;
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      Thread watchdog = Thread.ofVirtual().start(() -> closeAfter(channel));
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        OutputStream out = Channels.newOutputStream(channel);
        out.write(
            ("GET /images/"
                    + image
                    + "/get HTTP/1.1\r\nHost: docker\r\nUser-Agent: drydock\r\n"
                    + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        Response head = readHead(in, what);
        InputStream body = head.chunked ? new ChunkedInputStream(in, what) : in;
        if (head.status != 200) {
          String message = new String(body.readNBytes(4096), StandardCharsets.UTF_8).strip();
          throw new OciException(
              "The Docker engine refused the " + what + " (HTTP " + head.status + "): " + message);
        }
        copy(body, target, what);
      } finally {
        watchdog.interrupt();
      }
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "The " + what + " (timeout " + timeout + ")");
    }
  }

  private void closeAfter(SocketChannel channel) {
    try {
      Thread.sleep(timeout);
      channel.close();
    } catch (InterruptedException | IOException done) {
      // Interrupted: the export finished in time.
    }
  }

  private void copy(InputStream body, Path target, String what) throws IOException, OciException {
    try (OutputStream file = Files.newOutputStream(target)) {
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
        total += n;
        if (total > maxBytes) {
          throw new UnsafeArchiveException(
              "The " + what + " is larger than the cap of " + maxBytes + " bytes");
        }
        file.write(buf, 0, n);
      }
    }
  }

  private record Response(int status, boolean chunked) {}

  private static Response readHead(InputStream in, String what) throws IOException, OciException {
    String status = line(in, what);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new OciException("The " + what + " got a response that is not HTTP/1.x: " + status);
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new OciException("The " + what + " got a bad HTTP status line: " + status, e);
    }
    boolean chunked = false;
    for (String line = line(in, what); !line.isEmpty(); line = line(in, what)) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    return new Response(code, chunked);
  }

  static String line(InputStream in, String what) throws IOException, OciException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new OciException("The " + what + " ended inside the HTTP response head");
      }
      if (buf.size() >= MAX_HEAD) {
        throw new OciException(
            "The " + what + " has an HTTP header line over " + MAX_HEAD + " bytes");
      }
      buf.write(b);
    }
    String s = buf.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
