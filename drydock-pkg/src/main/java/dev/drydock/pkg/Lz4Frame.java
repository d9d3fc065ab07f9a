package dev.drydock.pkg;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes the LZ4 frame format (<a
 * href="https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md">frame spec</a>, blocks per the
 * <a href="https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md">block spec</a>), in which
 * apt stores its package lists when {@code Acquire::GzipIndexes} is set (Docker's Debian images
 * do). Checksums are skipped, not verified: apt verified the list against its Release file when it
 * downloaded it. Output is capped.
 */
final class Lz4Frame {
  static final int MAGIC = 0x184D2204;

  private Lz4Frame() {}

  static boolean isLz4(byte[] data) {
    return data.length >= 4 && le32(data, 0) == MAGIC;
  }

  static byte[] decode(byte[] in, long maxOutput, Path file) throws PackageDatabaseException {
    Out out = new Out(maxOutput, file);
    int pos = 0;
    // Concatenated frames decode to the concatenation of their contents.
    while (pos < in.length) {
      pos = frame(in, pos, out, file);
    }
    return out.bytes();
  }

  private static int frame(byte[] in, int start, Out out, Path file)
      throws PackageDatabaseException {
    int pos = start;
    need(in, pos, 7, file);
    if (le32(in, pos) != MAGIC) {
      throw bad(file, pos, "not an LZ4 frame (bad magic number)");
    }
    int flg = in[pos + 4] & 0xff;
    if ((flg >> 6) != 1) {
      throw bad(file, pos + 4, "unsupported LZ4 frame version");
    }
    boolean blockChecksum = (flg & 0x10) != 0;
    boolean contentSize = (flg & 0x08) != 0;
    boolean contentChecksum = (flg & 0x04) != 0;
    boolean dictId = (flg & 0x01) != 0;
    pos += 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1;
    while (true) {
      need(in, pos, 4, file);
      int size = le32(in, pos);
      pos += 4;
      if (size == 0) {
        break;
      }
      boolean stored = size < 0; // highest bit: block is not compressed
      int length = size & 0x7fffffff;
      need(in, pos, length, file);
      if (stored) {
        out.write(in, pos, length);
      } else {
        block(in, pos, pos + length, out, file);
      }
      pos += length + (blockChecksum ? 4 : 0);
    }
    pos += contentChecksum ? 4 : 0;
    if (pos > in.length) {
      throw bad(file, in.length, "truncated LZ4 frame");
    }
    return pos;
  }

  /** One compressed block: sequences of literals and back-references into all output so far. */
  private static void block(byte[] in, int from, int end, Out out, Path file)
      throws PackageDatabaseException {
    int pos = from;
    while (pos < end) {
      int token = in[pos++] & 0xff;
      int literals = token >>> 4;
      if (literals == 15) {
        int[] ext = extend(in, pos, end, file);
        literals += ext[0];
        pos = ext[1];
      }
      if (literals > end - pos) {
        throw bad(file, pos, "an LZ4 literal run overruns its block");
      }
      out.write(in, pos, literals);
      pos += literals;
      if (pos >= end) {
        return; // the last sequence has literals only
      }
      need(in, pos, 2, file);
      int offset = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
      pos += 2;
      int match = (token & 0x0f) + 4;
      if ((token & 0x0f) == 15) {
        int[] ext = extend(in, pos, end, file);
        match += ext[0];
        pos = ext[1];
      }
      out.copy(offset, match, pos);
    }
  }

  /** Reads a length extension: bytes of 255 continue, the first smaller byte ends it. */
  private static int[] extend(byte[] in, int start, int end, Path file)
      throws PackageDatabaseException {
    int pos = start;
    long sum = 0;
    int b;
    do {
      if (pos >= end) {
        throw bad(file, pos, "an LZ4 length runs past its block");
      }
      b = in[pos++] & 0xff;
      sum += b;
      if (sum > Integer.MAX_VALUE / 2) {
        throw bad(file, pos, "an LZ4 length is implausibly large");
      }
    } while (b == 255);
    return new int[] {(int) sum, pos};
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }

  private static void need(byte[] in, int pos, int n, Path file) throws PackageDatabaseException {
    if (n < 0 || pos > in.length - n) {
      throw bad(file, pos, "truncated LZ4 frame");
    }
  }

  private static PackageDatabaseException bad(Path file, int offset, String what) {
    return new PackageDatabaseException(
        file, "offset " + offset, what + "; run 'apt-get update' to fetch the lists again.");
  }

  /** A growing output buffer with a cap. */
  private static final class Out {
    private byte[] buf = new byte[1 << 16];
    private int size;
    private final long max;
    private final Path file;

    Out(long max, Path file) {
      this.max = max;
      this.file = file;
    }

    void write(byte[] src, int from, int n) throws PackageDatabaseException {
      ensure(n, from);
      System.arraycopy(src, from, buf, size, n);
      size += n;
    }

    void copy(int offset, int n, int at) throws PackageDatabaseException {
      if (offset == 0 || offset > size) {
        throw bad(file, at, "an LZ4 match points before the start of the output");
      }
      ensure(n, at);
      int src = size - offset;
      // Byte by byte: a match may overlap the bytes it produces (offset < length repeats them).
      for (int i = 0; i < n; i++) {
        buf[size++] = buf[src + i];
      }
    }

    private void ensure(int n, int at) throws PackageDatabaseException {
      if ((long) size + n > max) {
        throw new PackageDatabaseException(
            file, "offset " + at, "decompresses to more than " + max / (1024 * 1024) + " MiB.");
      }
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max((long) buf.length * 2, size + n)));
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }
}
