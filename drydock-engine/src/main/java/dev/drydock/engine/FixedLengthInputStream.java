package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;

/** Reads exactly {@code Content-Length} bytes and reports a body cut short. */
final class FixedLengthInputStream extends BulkInputStream {
  private final InputStream in;
  private final long length;
  private long remaining;

  FixedLengthInputStream(InputStream in, long length) {
    this.in = in;
    this.length = length;
    this.remaining = length;
  }

  @Override
  int readSome(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
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
