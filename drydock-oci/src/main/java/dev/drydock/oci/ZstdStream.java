package dev.drydock.oci;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;

/**
 * Decompresses a zstd stream (RFC 8878; one or more frames, as {@code zstd} and containers/image
 * write {@code tar+zstd} layers) through the reference C library (zstd-jni).
 *
 * <p>The decoder holds native memory, so it is freed as soon as the stream ends, fails or is
 * closed, and by a {@link Cleaner} when a reader abandons the stream half-way (a refused tar
 * entry). Closing never closes the compressed stream underneath: the caller still drains it to
 * check the blob digest. The window a frame may ask for is capped at {@value #WINDOW_LOG_MAX} (128
 * MiB), the decoder default that {@code zstd --long} writes up to, so a hostile frame cannot demand
 * more native memory than that.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8878#section-3.1.1.1.2">RFC 8878 §3.1.1.1.2,
 *     window descriptor</a>
 */
final class ZstdStream extends FilterInputStream {
  static final int WINDOW_LOG_MAX = 27;

  private static final Cleaner CLEANER = Cleaner.create();

  private final String what;
  private final Cleaner.Cleanable cleanable;
  private boolean done;

  private ZstdStream(ZstdInputStreamNoFinalizer zstd, String what) {
    super(zstd);
    this.what = what;
    this.cleanable = CLEANER.register(this, new Release(zstd));
  }

  /** {@return a stream of the decompressed bytes of {@code compressed}} */
  static InputStream open(InputStream compressed, String what) throws IOException {
    ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(new KeepOpen(compressed));
    try {
      zstd.setLongMax(WINDOW_LOG_MAX);
    } catch (IOException e) {
      zstd.close();
      throw e;
    }
    return new ZstdStream(zstd, what);
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
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      close();
      throw new IOException(what + " is not a valid zstd stream: " + e.getMessage(), e);
    }
    if (n < 0) {
      close();
    }
    return n;
  }

  @Override
  public int available() {
    return 0;
  }

  @Override
  public void close() {
    done = true;
    cleanable.clean();
  }

  /** Frees the native decoder; holds no reference to the {@link ZstdStream} itself. */
  private record Release(ZstdInputStreamNoFinalizer zstd) implements Runnable {
    @Override
    public void run() {
      try {
        zstd.close();
      } catch (IOException ignored) {
        // Closing only frees native memory here; KeepOpen never fails.
      }
    }
  }

  /** Passes reads through and ignores close, so that the caller's stream stays open. */
  private static final class KeepOpen extends FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() {
      // The caller owns the compressed stream.
    }
  }
}
