package dev.drydock.oci;

/**
 * Counts entries and bytes against {@link ArchiveLimits} across all the layers of one read; one
 * instance per read, confined to one thread.
 */
final class Budget {
  private final ArchiveLimits limits;
  private final String source;
  private long entries;
  private long bytes;

  Budget(ArchiveLimits limits, String source) {
    this.limits = limits;
    this.source = source;
  }

  ArchiveLimits limits() {
    return limits;
  }

  void entry(String name) throws UnsafeArchiveException {
    if (++entries > limits.maxEntries()) {
      throw new UnsafeArchiveException(
          source
              + " has more than "
              + limits.maxEntries()
              + " entries (at '"
              + name
              + "'); refusing a possible archive bomb. Raise ArchiveLimits.maxEntries if it is"
              + " genuine.");
    }
    if (name.length() > limits.maxPathLength()) {
      throw new UnsafeArchiveException(
          source
              + " has an entry path of "
              + name.length()
              + " characters, over the limit of "
              + limits.maxPathLength());
    }
  }

  void bytes(long n) throws UnsafeArchiveException {
    bytes += n;
    if (bytes > limits.maxTotalBytes()) {
      throw new UnsafeArchiveException(
          source
              + " expands to more than "
              + limits.maxTotalBytes()
              + " bytes; refusing a possible decompression bomb. Raise"
              + " ArchiveLimits.maxTotalBytes if it is genuine.");
    }
  }
}
