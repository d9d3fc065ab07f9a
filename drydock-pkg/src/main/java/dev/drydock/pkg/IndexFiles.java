package dev.drydock.pkg;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens package index files that may be plain, gzip or LZ4, with a cap on the decoded size. */
final class IndexFiles {
  /** Debian's main Packages index is about 90 MB; leave room, refuse bombs. */
  static final long MAX_INDEX_BYTES = 512L * 1024 * 1024;

  private IndexFiles() {}

  /** {@return the decoded bytes of a plain, {@code .gz} or {@code .lz4} index} */
  static byte[] decoded(Path file) throws PackageDatabaseException {
    byte[] raw = BoundedFiles.read(file, MAX_INDEX_BYTES);
    if (Lz4Frame.isLz4(raw)) {
      return Lz4Frame.decode(raw, MAX_INDEX_BYTES, file);
    }
    if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      return gunzip(raw, file);
    }
    return raw;
  }

  static byte[] gunzip(byte[] raw, Path file) throws PackageDatabaseException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] out = in.readNBytes((int) Math.min(MAX_INDEX_BYTES + 1, Integer.MAX_VALUE - 16));
      if (out.length > MAX_INDEX_BYTES) {
        throw BoundedFiles.tooLarge(file, MAX_INDEX_BYTES);
      }
      return out;
    } catch (IOException e) {
      throw new PackageDatabaseException(
          file, "", "is not valid gzip data (" + e.getMessage() + ").", e);
    }
  }

  static BufferedReader reader(byte[] bytes) {
    return new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), 1 << 16);
  }
}
