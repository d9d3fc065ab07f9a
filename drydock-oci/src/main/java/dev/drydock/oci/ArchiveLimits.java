package dev.drydock.oci;

/**
 * Caps applied while reading archives and layers, so that a hostile image cannot exhaust disk,
 * memory or time (decompression bombs, millions of entries, huge headers).
 *
 * @param maxTotalBytes uncompressed bytes over all layers of one image (or one archive)
 * @param maxEntries tar entries over all layers of one image
 * @param maxPathLength characters in one entry path
 * @param maxCompressionRatio uncompressed/compressed ratio allowed once past {@link
 *     #ratioGraceBytes}
 * @param ratioGraceBytes uncompressed bytes always allowed before the ratio is checked
 */
public record ArchiveLimits(
    long maxTotalBytes,
    long maxEntries,
    int maxPathLength,
    long maxCompressionRatio,
    long ratioGraceBytes) {

  /** Validates. */
  public ArchiveLimits {
    if (maxTotalBytes <= 0
        || maxEntries <= 0
        || maxPathLength <= 0
        || maxCompressionRatio <= 0
        || ratioGraceBytes < 0) {
      throw new IllegalArgumentException("archive limits must be positive");
    }
  }

  /**
   * {@return 16 GiB, 2 million entries, 4096-character paths, ratio 200 past 64 MiB: room for large
   * real images, none for bombs}
   */
  public static ArchiveLimits defaults() {
    return new ArchiveLimits(16L << 30, 2_000_000, 4096, 200, 64L << 20);
  }
}
