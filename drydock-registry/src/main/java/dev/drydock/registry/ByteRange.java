package dev.drydock.registry;

import org.jspecify.annotations.Nullable;

/**
 * An inclusive byte range, parsed from an upload's {@code Content-Range} or a download's {@code
 * Range} header.
 *
 * @param first the first byte's offset
 * @param last the last byte's offset, at least {@code first}
 */
record ByteRange(long first, long last) {
  ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad range " + first + "-" + last);
    }
  }

  long length() {
    return last - first + 1;
  }

  /**
   * Parses an upload chunk's {@code Content-Range}: the spec's {@code ^[0-9]+-[0-9]+$}, and for
   * Docker clients also with a {@code bytes } prefix and an ignored {@code /total}.
   *
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-a-blob-in-chunks">chunked
   *     push</a>
   * @throws DistributionException BLOB_UPLOAD_INVALID (400) when malformed
   */
  static ByteRange contentRange(String header) {
    String value = header.strip();
    if (value.startsWith("bytes ")) {
      value = value.substring(6).strip();
    }
    int slash = value.indexOf('/');
    if (slash >= 0) {
      value = value.substring(0, slash);
    }
    int dash = value.indexOf('-');
    if (dash <= 0 || dash == value.length() - 1) {
      throw badContentRange(header);
    }
    long first = number(value.substring(0, dash));
    long last = number(value.substring(dash + 1));
    if (first < 0 || last < first) {
      throw badContentRange(header);
    }
    return new ByteRange(first, last);
  }

  /**
   * Resolves a download's {@code Range} header against the blob size (RFC 9110 section 14.2): a
   * single {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Several ranges, or any other
   * unit, give null: the whole blob is sent, as RFC 9110 allows.
   *
   * @throws DistributionException with status 416 when the range lies outside the blob
   */
  static @Nullable ByteRange range(String header, long size) {
    String value = header.strip();
    if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
      return null;
    }
    value = value.substring(6).strip();
    int dash = value.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String a = value.substring(0, dash).strip();
    String b = value.substring(dash + 1).strip();
    long first;
    long last;
    if (a.isEmpty()) {
      long suffix = number(b);
      if (suffix <= 0) {
        throw unsatisfiable(header, size);
      }
      first = Math.max(0, size - suffix);
      last = size - 1;
    } else {
      first = number(a);
      last = b.isEmpty() ? size - 1 : Math.min(number(b), size - 1);
      if (first < 0 || (!b.isEmpty() && number(b) < first)) {
        return null; // RFC 9110 14.1.1: an invalid range-spec makes the header ignored
      }
    }
    if (first >= size || last < first) {
      throw unsatisfiable(header, size);
    }
    return new ByteRange(first, last);
  }

  /** Parses a decimal of at most 18 digits, or returns -1. */
  private static long number(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static DistributionException badContentRange(String header) {
    return new DistributionException(
        ErrorCode.BLOB_UPLOAD_INVALID,
        "Content-Range '" + Refs.clip(header) + "' must be <first>-<last>, both inclusive");
  }

  private static DistributionException unsatisfiable(String header, long size) {
    return new DistributionException(
        ErrorCode.BLOB_UNKNOWN,
        416,
        "Range '" + Refs.clip(header) + "' lies outside the blob of " + size + " bytes",
        null);
  }
}
