package dev.drydock.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An input stream that does all its reading in {@link #readSome}: this class turns the single-byte
 * {@link #read()} into a one-byte bulk read, checks the arguments and answers zero-length reads, so
 * that each decoder and transport only says how it fills a buffer.
 */
abstract class BulkInputStream extends InputStream {
  /**
   * Reads at least one and at most {@code len} bytes into {@code b} at {@code off}, blocking until
   * one is available.
   *
   * @param len at least 1
   * @return the number of bytes read, or -1 at the end of the stream
   */
  abstract int readSome(byte[] b, int off, int len) throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = readSome(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    return len == 0 ? 0 : readSome(b, off, len);
  }
}
