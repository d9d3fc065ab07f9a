package dev.drydock.oci;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Turns a layer blob into its uncompressed tar stream. The compression is sniffed from the first
 * bytes rather than trusted from the media type (Docker archives say "tar" for any layer). Every
 * uncompressed byte is charged to the read's {@link Budget}, and gzip and zstd output are held to
 * the compression-ratio cap.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#zstd-media-types">OCI
 *     layer media types: tar, tar+gzip, tar+zstd</a>
 */
final class LayerStreams {
  private LayerStreams() {}

  static InputStream uncompressed(InputStream raw, String what, Budget budget)
      throws IOException, OciException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      Counting compressed = new Counting(in);
      return new Charged(new GZIPInputStream(compressed, 64 * 1024), compressed, what, budget);
    }
    if (magic.length == 4
        && (magic[0] & 0xff) == 0x28
        && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f
        && (magic[3] & 0xff) == 0xfd) {
      Counting compressed = new Counting(in);
      return new Charged(ZstdStream.open(compressed, what), compressed, what, budget);
    }
    return new Charged(in, null, what, budget);
  }

  /** Counts bytes read from the compressed stream. */
  static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Charges uncompressed bytes to the budget and checks the compression ratio. */
  private static final class Charged extends FilterInputStream {
    private final Counting compressed;
    private final String what;
    private final Budget budget;
    private long out;

    Charged(
        InputStream in,
        @org.jspecify.annotations.Nullable Counting compressed,
        String what,
        Budget budget) {
      super(in);
      this.compressed =
          compressed == null ? new Counting(InputStream.nullInputStream()) : compressed;
      this.what = what;
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        out += n;
        try {
          budget.bytes(n);
          checkRatio();
        } catch (UnsafeArchiveException e) {
          throw new OciIOException(e);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    private void checkRatio() throws UnsafeArchiveException {
      ArchiveLimits limits = budget.limits();
      if (compressed.count > 0
          && out > limits.ratioGraceBytes()
          && out / compressed.count > limits.maxCompressionRatio()) {
        throw new UnsafeArchiveException(
            what
                + " expands more than "
                + limits.maxCompressionRatio()
                + " times; refusing a likely decompression bomb");
      }
    }
  }
}
