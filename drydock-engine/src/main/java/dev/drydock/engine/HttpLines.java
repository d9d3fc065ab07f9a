package dev.drydock.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads CRLF-terminated protocol lines (status line, headers, chunk sizes) with a length cap. */
final class HttpLines {
  private HttpLines() {}

  /**
   * Reads one line without its line ending; a bare LF is accepted as well (RFC 9112 section 2.2).
   *
   * @throws MalformedHttpException if the line is longer than {@code maxBytes} or the stream ends
   */
  static String readLine(InputStream in, int maxBytes) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new MalformedHttpException("the connection closed in the middle of the HTTP head");
      }
      if (b == '\n') {
        return stripCr(line.toString(StandardCharsets.ISO_8859_1));
      }
      if (line.size() >= maxBytes) {
        throw new MalformedHttpException(
            "an HTTP protocol line is longer than " + maxBytes + " bytes");
      }
      line.write(b);
    }
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
