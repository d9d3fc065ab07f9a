package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link BodyTooLargeException} once more than {@code limit} bytes were read. */
final class LimitedInputStream extends BulkInputStream {
  private final InputStream in;
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  @Override
  int readSome(byte[] b, int off, int len) throws IOException {
    // Ask for one byte past the limit so that a body of exactly `limit` bytes still passes
    // (computed without overflow: limit may be Long.MAX_VALUE).
    long room = limit - count;
    int n = in.read(b, off, room < len ? (int) room + 1 : len);
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }
    return n;
  }
}
