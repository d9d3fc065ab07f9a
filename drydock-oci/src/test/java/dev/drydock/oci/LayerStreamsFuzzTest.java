package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the layer decompressors (zstd through zstd-jni, gzip) with arbitrary frames: a stream
 * either yields at most the budget's bytes or fails with an {@link IOException}; nothing else
 * escapes, and a hostile frame cannot crash the JVM or run past the limits.
 *
 * <p>Seeds are real {@code zstd}/{@code gzip} outputs without their 4- and 2-byte magic numbers,
 * which the targets put back so that every input reaches the decoder. Runs its seeds as a regular
 * test; set {@code JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class LayerStreamsFuzzTest {
  private static final ArchiveLimits SMALL = new ArchiveLimits(1 << 20, 1000, 512, 100, 1 << 16);
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void zstd(byte[] frame) throws OciException {
    drain(ZSTD_MAGIC, frame);
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void gzip(byte[] member) throws OciException {
    drain(GZIP_MAGIC, member);
  }

  private static void drain(byte[] magic, byte[] rest) throws OciException {
    byte[] data = new byte[magic.length + rest.length];
    System.arraycopy(magic, 0, data, 0, magic.length);
    System.arraycopy(rest, 0, data, magic.length, rest.length);
    long total = 0;
    try (InputStream in =
        LayerStreams.uncompressed(
            new ByteArrayInputStream(data), "fuzz layer", new Budget(SMALL, "fuzz layer"))) {
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
      }
    } catch (IOException rejected) {
      // corrupt, truncated or over the limits
    }
    assertThat(total).isLessThanOrEqualTo(SMALL.maxTotalBytes());
  }
}
