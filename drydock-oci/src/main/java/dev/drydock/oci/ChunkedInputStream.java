package dev.drydock.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes an HTTP/1.1 chunked body (RFC 9112 section 7.1); chunk extensions and trailers are
 * ignored, sizes are capped so a hostile peer cannot overflow them.
 */
final class ChunkedInputStream extends InputStream {
  private final InputStream in;
  private final String what;
  private long left;
  private boolean done;

  ChunkedInputStream(InputStream in, String what) {
    this.in = in;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (left == 0) {
      nextChunk();
      if (done) {
        return -1;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new IOException(what + ": the chunked body is truncated");
    }
    left -= n;
    if (left == 0) {
      expectCrlf();
    }
    return n;
  }

  private void nextChunk() throws IOException {
    String line = line();
    int semi = line.indexOf(';');
    String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
    if (hex.isEmpty()
        || hex.length() > 15
        || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
      throw new IOException(what + ": bad chunk size '" + hex + "'");
    }
    left = Long.parseLong(hex, 16);
    if (left == 0) {
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // Trailers carry nothing drydock needs.
      }
      done = true;
    }
  }

  private void expectCrlf() throws IOException {
    if (!line().isEmpty()) {
      throw new IOException(what + ": a chunk is not followed by CRLF");
    }
  }

  private String line() throws IOException {
    try {
      return DockerSocketArchiveSource.line(in, what);
    } catch (OciException e) {
      throw new OciIOException(e);
    }
  }
}
