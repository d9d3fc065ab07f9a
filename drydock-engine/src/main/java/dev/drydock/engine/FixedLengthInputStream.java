package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;

/** Reads exactly {@code Content-Length} bytes and reports a body cut short. */
final class FixedLengthInputStream extends InputStream {
  private final InputStream in;
  private final long length;
  private long remaining;

  FixedLengthInputStream(InputStream in, long length) {
    this.in = in;
    this.length = length;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new MalformedHttpException(
          "the connection closed after " + (length - remaining) + " of " + length + " body bytes");
    }
    remaining -= n;
    return n;
  }
}
