package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes the chunked transfer coding.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-7.1">RFC 9112 section 7.1</a>
 */
final class ChunkedInputStream extends BulkInputStream {
  private static final int MAX_LINE = 4096;
  private static final int MAX_TRAILERS = 100;

  private final InputStream in;
  private long remaining;
  private boolean started;
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  int readSome(byte[] b, int off, int len) throws IOException {
    if (remaining == 0 && !done) {
      nextChunk();
    }
    if (done) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new MalformedHttpException("the connection closed in the middle of a chunk");
    }
    remaining -= n;
    return n;
  }

  private void nextChunk() throws IOException {
    if (started && !HttpLines.readLine(in, MAX_LINE).isEmpty()) {
      throw new MalformedHttpException("a chunk is longer than its declared size");
    }
    started = true;
    remaining = parseSize(HttpLines.readLine(in, MAX_LINE));
    if (remaining == 0) {
      skipTrailers();
      done = true;
    }
  }

  private static long parseSize(String line) throws MalformedHttpException {
    int semicolon = line.indexOf(';');
    String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
    if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(ChunkedInputStream::isHex)) {
      throw new MalformedHttpException("bad chunk size line: '" + abbreviate(line) + "'");
    }
    return Long.parseLong(hex, 16);
  }

  private void skipTrailers() throws IOException {
    for (int i = 0; i < MAX_TRAILERS; i++) {
      if (HttpLines.readLine(in, MAX_LINE).isEmpty()) {
        return;
      }
    }
    throw new MalformedHttpException("more than " + MAX_TRAILERS + " trailer fields");
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
