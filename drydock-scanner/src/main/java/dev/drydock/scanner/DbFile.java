package dev.drydock.scanner;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * The database file {@code osv.ddb}, memory-mapped read-only. Opening reads only the fixed header
 * and checks that every section lies inside the file, so it takes milliseconds whatever the size; a
 * lookup is a binary search over the sorted key table.
 *
 * <pre>
 * header (HEADER_BYTES, big-endian)
 *   0  magic "DDOSVDB\0"          8  int format          12 int recordCount
 *   16 int keyCount               20 int idCount         24 long metaOff   32 int metaLen
 *   40 long keyTableOff           48 long postingsOff    56 long idTableOff
 *   64 long recTableOff           72 long stringsOff     80 long stringsLen
 *   88 long blobOff               96 long blobLen
 * key table   keyCount × {int strOff, int strLen, int postingsIndex, int postingsCount}, sorted by
 *             the UTF-8 bytes of "Ecosystem:name" (unsigned)
 * postings    int record indexes
 * id table    idCount × {int strOff, int strLen, int record}, sorted by id bytes
 * rec table   recordCount × {long blobOff, int len, int source, long modSeconds, int modNanos,
 *             int flags (1 = withdrawn)}
 * strings     UTF-8 key and id text
 * blob        each record as compact OSV JSON
 * metadata    JSON ({@link DbMetadataCodec})
 * </pre>
 */
final class DbFile implements AutoCloseable {
  static final byte[] MAGIC = "DDOSVDB\0".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT = 1;
  static final int HEADER_BYTES = 104;
  static final int KEY_ENTRY = 16;
  static final int ID_ENTRY = 12;
  static final int REC_ENTRY = 32;

  static final ValueLayout.OfInt INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfLong LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final Path path;
  private final Arena arena;
  private final MemorySegment file;
  final int recordCount;
  final int keyCount;
  final int idCount;
  private final long metaOff;
  private final int metaLen;
  private final long keyTableOff;
  private final long postingsOff;
  private final long idTableOff;
  private final long recTableOff;
  private final long stringsOff;
  private final long blobOff;

  private DbFile(Path path, Arena arena, MemorySegment file) throws VulnDbException {
    this.path = path;
    this.arena = arena;
    this.file = file;
    long size = file.byteSize();
    if (size < HEADER_BYTES
        || !Arrays.equals(file.asSlice(0, 8).toArray(ValueLayout.JAVA_BYTE), MAGIC)) {
      throw corrupt("not a drydock vulnerability database");
    }
    int format = file.get(INT, 8);
    if (format != FORMAT) {
      throw new VulnDbException(
          "Vulnerability database "
              + path
              + " has format "
              + format
              + ", this drydock reads format "
              + FORMAT
              + ": run 'drydock db update' to rebuild it.");
    }
    recordCount = file.get(INT, 12);
    keyCount = file.get(INT, 16);
    idCount = file.get(INT, 20);
    metaOff = file.get(LONG, 24);
    metaLen = file.get(INT, 32);
    keyTableOff = file.get(LONG, 40);
    postingsOff = file.get(LONG, 48);
    idTableOff = file.get(LONG, 56);
    recTableOff = file.get(LONG, 64);
    stringsOff = file.get(LONG, 72);
    long stringsLen = file.get(LONG, 80);
    blobOff = file.get(LONG, 88);
    long blobLen = file.get(LONG, 96);
    if (recordCount < 0
        || keyCount < 0
        || idCount < 0
        || metaLen < 0
        || !inside(metaOff, metaLen, size)
        || !inside(keyTableOff, (long) keyCount * KEY_ENTRY, size)
        || !inside(idTableOff, (long) idCount * ID_ENTRY, size)
        || !inside(recTableOff, (long) recordCount * REC_ENTRY, size)
        || !inside(stringsOff, stringsLen, size)
        || !inside(blobOff, blobLen, size)
        || !inside(postingsOff, 0, size)) {
      throw corrupt("section offsets point outside the file");
    }
  }

  @SuppressWarnings("MustBeClosedChecker") // the arena is owned by the returned DbFile
  static DbFile open(Path path) throws VulnDbException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return new DbFile(path, arena, seg);
    } catch (NoSuchFileException e) {
      arena.close();
      throw new VulnDbException(
          "No vulnerability database at " + path + ": run 'drydock db update' first.", e);
    } catch (IOException e) {
      arena.close();
      throw new VulnDbException("Cannot read vulnerability database " + path + ": " + e, e);
    } catch (VulnDbException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  byte[] metadataJson() {
    return bytes(metaOff, metaLen);
  }

  /** {@return the record indexes under a key, or an empty array} */
  int[] postings(String key) throws VulnDbException {
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = keyCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long e = keyTableOff + (long) mid * KEY_ENTRY;
      int c = compareString(file.get(INT, e), file.get(INT, e + 4), wanted);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        int first = file.get(INT, e + 8);
        int count = file.get(INT, e + 12);
        if (first < 0 || count < 0 || !inside(postingsOff + 4L * first, 4L * count, size())) {
          throw corrupt("postings of " + key + " point outside the file");
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
          out[i] = file.get(INT, postingsOff + 4L * (first + i));
        }
        return out;
      }
    }
    return new int[0];
  }

  /** {@return the record index of an id, or -1} */
  int recordOfId(String id) throws VulnDbException {
    byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = idCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long e = idTableOff + (long) mid * ID_ENTRY;
      int c = compareString(file.get(INT, e), file.get(INT, e + 4), wanted);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return checkRecord(file.get(INT, e + 8));
      }
    }
    return -1;
  }

  String key(int keyIndex) throws VulnDbException {
    long e = keyTableOff + (long) keyIndex * KEY_ENTRY;
    return string(file.get(INT, e), file.get(INT, e + 4));
  }

  byte[] recordBytes(int record) throws VulnDbException {
    long e = recTableOff + (long) checkRecord(record) * REC_ENTRY;
    long off = file.get(LONG, e);
    int len = file.get(INT, e + 8);
    if (len < 0 || !inside(blobOff + off, len, size())) {
      throw corrupt("record " + record + " points outside the file");
    }
    return bytes(blobOff + off, len);
  }

  int recordSource(int record) throws VulnDbException {
    return file.get(INT, recTableOff + (long) checkRecord(record) * REC_ENTRY + 12);
  }

  Instant recordModified(int record) throws VulnDbException {
    long e = recTableOff + (long) checkRecord(record) * REC_ENTRY;
    return Instant.ofEpochSecond(file.get(LONG, e + 16), file.get(INT, e + 24));
  }

  boolean recordWithdrawn(int record) throws VulnDbException {
    return (file.get(INT, recTableOff + (long) checkRecord(record) * REC_ENTRY + 28) & 1) != 0;
  }

  String idOfRecordEntry(int idIndex) throws VulnDbException {
    long e = idTableOff + (long) idIndex * ID_ENTRY;
    return string(file.get(INT, e), file.get(INT, e + 4));
  }

  int recordOfIdEntry(int idIndex) throws VulnDbException {
    return checkRecord(file.get(INT, idTableOff + (long) idIndex * ID_ENTRY + 8));
  }

  Path path() {
    return path;
  }

  private long size() {
    return file.byteSize();
  }

  private int checkRecord(int record) throws VulnDbException {
    if (record < 0 || record >= recordCount) {
      throw corrupt("record index " + record + " out of range");
    }
    return record;
  }

  private String string(int off, int len) throws VulnDbException {
    if (off < 0 || len < 0 || !inside(stringsOff + off, len, size())) {
      throw corrupt("string points outside the file");
    }
    return new String(bytes(stringsOff + off, len), StandardCharsets.UTF_8);
  }

  private int compareString(int off, int len, byte[] wanted) throws VulnDbException {
    if (off < 0 || len < 0 || !inside(stringsOff + off, len, size())) {
      throw corrupt("key points outside the file");
    }
    long base = stringsOff + off;
    int n = Math.min(len, wanted.length);
    for (int i = 0; i < n; i++) {
      int a = file.get(ValueLayout.JAVA_BYTE, base + i) & 0xff;
      int b = wanted[i] & 0xff;
      if (a != b) {
        return a - b;
      }
    }
    return Integer.compare(len, wanted.length);
  }

  private byte[] bytes(long off, int len) {
    return file.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE);
  }

  private static boolean inside(long off, long len, long size) {
    return off >= 0 && len >= 0 && off <= size && len <= size - off;
  }

  private VulnDbException corrupt(String why) {
    return new VulnDbException(
        "Vulnerability database "
            + path
            + " is corrupt ("
            + why
            + "): delete it and run 'drydock db update'.");
  }

  @Override
  public void close() {
    arena.close();
  }
}
