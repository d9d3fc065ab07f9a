package dev.drydock.pkg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An rpm header blob as the rpm database stores it: two big-endian counts (index entries {@code
 * il}, data bytes {@code dl}), {@code il} index entries of 16 bytes (tag, type, offset, count),
 * then the data store (<a
 * href="https://rpm-software-management.github.io/rpm/manual/format_header.html">rpm header
 * format</a>). Only the tags drydock needs are decoded; every offset and count is checked against
 * the blob before use.
 */
final class RpmHeader {
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int SIZE = 1009;
  static final int PACKAGER = 1015;
  static final int ARCH = 1022;
  static final int OLDFILENAMES = 1027;
  static final int SOURCERPM = 1044;
  static final int DIRINDEXES = 1116;
  static final int BASENAMES = 1117;
  static final int DIRNAMES = 1118;
  static final int LONGSIZE = 5009;

  /** rpm's own limits (header.c: HEADER_TAGS_MAX, HEADER_DATA_MAX). */
  static final int MAX_ENTRIES = 0xffff;

  static final int MAX_DATA = 0x0fffffff;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_INT64 = 5;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;

  private final Map<Integer, Object> values;

  private RpmHeader(Map<Integer, Object> values) {
    this.values = values;
  }

  /**
   * Parses a header blob.
   *
   * @param file and {@code where} (e.g. {@code Packages row 12}) name the blob in errors
   */
  static RpmHeader parse(byte[] blob, Path file, String where) throws PackageDatabaseException {
    ByteBuffer buf = ByteBuffer.wrap(blob);
    if (blob.length < 8) {
      throw bad(file, where, 0, "is shorter than a header's 8-byte preamble");
    }
    int il = buf.getInt(0);
    int dl = buf.getInt(4);
    if (il < 1 || il > MAX_ENTRIES || dl < 0 || dl > MAX_DATA) {
      throw bad(file, where, 0, "has an implausible entry count " + il + " or data size " + dl);
    }
    long dataStart = 8L + 16L * il;
    if (dataStart + dl != blob.length) {
      throw bad(
          file,
          where,
          0,
          "declares " + il + " entries and " + dl + " data bytes but is " + blob.length + " long");
    }
    Map<Integer, Object> values = new HashMap<>();
    for (int i = 0; i < il; i++) {
      int at = 8 + 16 * i;
      int tag = buf.getInt(at);
      int type = buf.getInt(at + 4);
      int offset = buf.getInt(at + 8);
      int count = buf.getInt(at + 12);
      if (!wanted(tag)) {
        continue;
      }
      if (offset < 0 || offset >= dl || count < 1 || count > dl) {
        throw bad(file, where, at, "tag " + tag + " points outside the data store");
      }
      Object value = decode(blob, (int) dataStart + offset, (int) dataStart + dl, type, count);
      if (value == null) {
        throw bad(file, where, at, "tag " + tag + " has a malformed value of type " + type);
      }
      values.put(tag, value);
    }
    return new RpmHeader(values);
  }

  private static boolean wanted(int tag) {
    return switch (tag) {
      case NAME,
          VERSION,
          RELEASE,
          EPOCH,
          SIZE,
          PACKAGER,
          ARCH,
          OLDFILENAMES,
          SOURCERPM,
          DIRINDEXES,
          BASENAMES,
          DIRNAMES,
          LONGSIZE ->
          true;
      default -> false;
    };
  }

  private static @Nullable Object decode(byte[] blob, int from, int end, int type, int count) {
    return switch (type) {
      case TYPE_INT32 -> ints(blob, from, end, count, 4);
      case TYPE_INT64 -> ints(blob, from, end, count, 8);
      case TYPE_STRING, TYPE_STRING_ARRAY, TYPE_I18NSTRING -> strings(blob, from, end, count);
      default -> null;
    };
  }

  private static long @Nullable [] ints(byte[] blob, int from, int end, int count, int width) {
    if ((long) count * width > end - from) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(blob);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      int at = from + i * width;
      out[i] = width == 4 ? Integer.toUnsignedLong(buf.getInt(at)) : buf.getLong(at);
    }
    return out;
  }

  private static @Nullable List<String> strings(byte[] blob, int from, int end, int count) {
    List<String> out = new ArrayList<>(Math.min(count, 4096));
    int at = from;
    for (int i = 0; i < count; i++) {
      int nul = at;
      while (nul < end && blob[nul] != 0) {
        nul++;
      }
      if (nul >= end) {
        return null;
      }
      out.add(new String(blob, at, nul - at, StandardCharsets.UTF_8));
      at = nul + 1;
    }
    return out;
  }

  /** {@return the first string of a string tag, or empty} */
  String string(int tag) {
    return values.get(tag) instanceof List<?> list && !list.isEmpty() ? (String) list.get(0) : "";
  }

  /** {@return the strings of a string-array tag, or an empty list} */
  @SuppressWarnings("unchecked")
  List<String> strings(int tag) {
    return values.get(tag) instanceof List<?> list ? (List<String>) list : List.of();
  }

  /** {@return the first number of an integer tag, or -1} */
  long number(int tag) {
    return values.get(tag) instanceof long[] n && n.length > 0 ? n[0] : -1;
  }

  /** {@return the numbers of an integer-array tag, or an empty array} */
  long[] numbers(int tag) {
    return values.get(tag) instanceof long[] n ? n : new long[0];
  }

  private static PackageDatabaseException bad(Path file, String where, int offset, String what) {
    return new PackageDatabaseException(
        file,
        where + ", offset " + offset,
        "rpm header " + what + "; the database may be damaged (try 'rpmdb --rebuilddb').");
  }
}
