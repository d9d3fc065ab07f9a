package dev.drydock.oci;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A strict, streaming tar reader: POSIX ustar, GNU long names ({@code L}/{@code K}) and PAX
 * extended headers ({@code x}; global {@code g} headers are parsed and ignored). Checksums are
 * verified, numbers must be octal or GNU base-256, header records are capped, and a truncated
 * archive is an error rather than a short read.
 *
 * @see <a
 *     href="https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pax.html#tag_20_94_13_06">POSIX
 *     ustar and pax formats</a>
 */
final class TarReader {
  static final int BLOCK = 512;
  private static final int MAX_META_BYTES = 1 << 20;

  private final InputStream in;
  private final String source;
  private final Budget budget;
  private final byte[] header = new byte[BLOCK];
  private long position;
  private long remaining;
  private long padding;
  private long contentStart;
  private boolean finished;

  TarReader(InputStream in, String source, Budget budget) {
    this.in = in;
    this.source = source;
    this.budget = budget;
  }

  /** {@return the offset in the stream of the current entry's content} */
  long contentStart() {
    return contentStart;
  }

  /**
   * Advances to the next entry, skipping what is left of the current one.
   *
   * @return the entry, or null at the end of the archive
   */
  @Nullable TarEntry next() throws IOException, OciException {
    if (finished) {
      return null;
    }
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    String longName = null;
    String longLink = null;
    Pax pax = new Pax();
    for (int meta = 0; ; meta++) {
      if (meta > 16) {
        throw malformed("more than 16 consecutive metadata headers");
      }
      if (!readHeader()) {
        finished = true;
        return null;
      }
      char type = (char) (header[156] & 0xff);
      long size = number(124, 12, "size");
      switch (type) {
        case 'L' -> longName = cString(readMeta(size, "GNU long name"));
        case 'K' -> longLink = cString(readMeta(size, "GNU long link name"));
        case 'x' -> pax.parse(readMeta(size, "PAX header"), this);
        case 'g' -> new Pax().parse(readMeta(size, "PAX global header"), this);
        default -> {
          return entry(type, size, longName, longLink, pax);
        }
      }
    }
  }

  /** {@return a stream over the current entry's content; it ends at the entry's end} */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new EOFException(source + ": tar entry content is truncated");
        }
        remaining -= n;
        position += n;
        return n;
      }
    };
  }

  private TarEntry entry(
      char type, long size, @Nullable String longName, @Nullable String longLink, Pax pax)
      throws OciException {
    String name = pax.path != null ? pax.path : longName != null ? longName : headerName();
    String link =
        pax.linkPath != null ? pax.linkPath : longLink != null ? longLink : string(157, 100);
    if (pax.size >= 0) {
      size = pax.size;
    }
    FileType fileType =
        switch (type) {
          case '0', '\0', '7' -> FileType.FILE;
          case '1' -> FileType.HARDLINK;
          case '2' -> FileType.SYMLINK;
          case '3' -> FileType.CHAR_DEVICE;
          case '4' -> FileType.BLOCK_DEVICE;
          case '5' -> FileType.DIRECTORY;
          case '6' -> FileType.FIFO;
          default ->
              throw malformed(
                  "entry '"
                      + name
                      + "' has unsupported type '"
                      + printable(type)
                      + "' (sparse, multi-volume and vendor types are refused)");
        };
    if (name.isEmpty()) {
      throw malformed("an entry has an empty name");
    }
    if (name.indexOf('\0') >= 0 || link.indexOf('\0') >= 0) {
      throw malformed("entry name or link contains NUL");
    }
    budget.entry(name);
    remaining = size;
    padding = (BLOCK - size % BLOCK) % BLOCK;
    contentStart = position;
    long mode = number(100, 8, "mode") & 07777;
    long uid = pax.uid >= 0 ? pax.uid : number(108, 8, "uid");
    long gid = pax.gid >= 0 ? pax.gid : number(116, 8, "gid");
    boolean isLink = fileType == FileType.SYMLINK || fileType == FileType.HARDLINK;
    if (isLink && link.isEmpty()) {
      throw malformed("link entry '" + name + "' has no target");
    }
    return new TarEntry(
        name,
        fileType,
        (int) mode,
        uid,
        gid,
        fileType == FileType.FILE ? size : 0,
        isLink ? link : null);
  }

  private boolean readHeader() throws IOException, OciException {
    int n = in.readNBytes(header, 0, BLOCK);
    position += n;
    if (n == 0) {
      // An archive that ends without the two zero blocks: tolerated, as Docker and Go are.
      return false;
    }
    if (n < BLOCK) {
      throw malformed("archive is truncated inside a header");
    }
    if (isZero(header)) {
      // The end marker is two zero blocks; the second may be missing at EOF.
      int m = in.readNBytes(header, 0, BLOCK);
      position += m;
      if (m != 0 && (m < BLOCK || !isZero(header))) {
        throw malformed("data after a zero block (a single zero block inside the archive)");
      }
      return false;
    }
    verifyChecksum();
    String magic = new String(header, 257, 6, StandardCharsets.ISO_8859_1);
    if (!magic.equals("ustar\0") && !magic.equals("ustar ")) {
      throw malformed("header is not ustar, GNU or PAX (magic '" + printable(magic) + "')");
    }
    return true;
  }

  private void verifyChecksum() throws OciException {
    long stored = number(148, 8, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = i >= 148 && i < 156 ? ' ' : header[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    if (stored != unsigned && stored != signed) {
      throw malformed(
          "header checksum mismatch (stored " + stored + ", computed " + unsigned + ")");
    }
  }

  private byte[] readMeta(long size, String what) throws IOException, OciException {
    if (size > MAX_META_BYTES) {
      throw new UnsafeArchiveException(
          source + ": " + what + " of " + size + " bytes exceeds the limit of " + MAX_META_BYTES);
    }
    byte[] data = in.readNBytes((int) size);
    position += data.length;
    if (data.length < size) {
      throw malformed(what + " is truncated");
    }
    skip((BLOCK - size % BLOCK) % BLOCK);
    return data;
  }

  private void skip(long n) throws IOException, OciException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw malformed("archive is truncated inside an entry");
        }
        skipped = 1;
      }
      left -= skipped;
      position += skipped;
    }
  }

  private String headerName() {
    String name = string(0, 100);
    String magic = new String(header, 257, 6, StandardCharsets.ISO_8859_1);
    String prefix = magic.equals("ustar\0") ? string(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private String string(int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** Octal (space or NUL padded) or GNU base-256 with the high bit set; negative is refused. */
  private long number(int offset, int length, String field) throws OciException {
    if ((header[offset] & 0x80) != 0) {
      if (header[offset] != (byte) 0x80) {
        throw malformed("header field " + field + " is a negative or oversized base-256 number");
      }
      long value = 0;
      for (int i = offset + 1; i < offset + length; i++) {
        if (value >>> 55 != 0) {
          throw malformed("header field " + field + " overflows");
        }
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    long value = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    boolean digits = false;
    for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
      if (value >>> 60 != 0) {
        throw malformed("header field " + field + " overflows");
      }
      value = (value << 3) | (header[i] - '0');
      digits = true;
    }
    for (; i < end; i++) {
      if (header[i] != ' ' && header[i] != 0) {
        throw malformed("header field " + field + " is not an octal number");
      }
    }
    return digits ? value : 0;
  }

  MalformedContentException malformed(String problem) {
    return new MalformedContentException(
        source + ": " + problem + " at offset " + position + "; the tar archive is corrupt");
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  private static String printable(Object o) {
    StringBuilder sb = new StringBuilder();
    for (char c : o.toString().toCharArray()) {
      sb.append(
          c >= 0x20 && c < 0x7f
              ? String.valueOf(c)
              : String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
    }
    return sb.toString();
  }

  /** PAX records: {@code "<length> <key>=<value>\n"}, lengths counted in bytes. */
  private static final class Pax {
    @Nullable String path;
    @Nullable String linkPath;
    long size = -1;
    long uid = -1;
    long gid = -1;

    void parse(byte[] data, TarReader reader) throws OciException {
      int pos = 0;
      while (pos < data.length) {
        int space = pos;
        while (space < data.length && data[space] >= '0' && data[space] <= '9') {
          space++;
        }
        if (space == pos || space >= data.length || data[space] != ' ' || space - pos > 9) {
          throw reader.malformed("PAX record has no valid length");
        }
        int length =
            Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
        int end = pos + length;
        if (length <= space - pos + 1 || end > data.length || data[end - 1] != '\n') {
          throw reader.malformed("PAX record length is inconsistent");
        }
        String record =
            new String(Arrays.copyOfRange(data, space + 1, end - 1), StandardCharsets.UTF_8);
        int eq = record.indexOf('=');
        if (eq <= 0) {
          throw reader.malformed("PAX record has no key");
        }
        apply(record.substring(0, eq), record.substring(eq + 1), reader);
        pos = end;
      }
    }

    private void apply(String key, String value, TarReader reader) throws OciException {
      switch (key) {
        case "path" -> path = value;
        case "linkpath" -> linkPath = value;
        case "size" -> size = decimal(value, key, reader);
        case "uid" -> uid = decimal(value, key, reader);
        case "gid" -> gid = decimal(value, key, reader);
        default -> {
          if (key.startsWith("GNU.sparse")) {
            throw reader.malformed("sparse files (PAX " + key + ") are not supported");
          }
          // mtime, atime, xattrs (SCHILY.xattr.*), uname, gname: not needed for a file listing.
        }
      }
    }

    private static long decimal(String value, String key, TarReader reader) throws OciException {
      if (value.isEmpty()
          || value.length() > 18
          || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw reader.malformed("PAX " + key + " is not a non-negative decimal");
      }
      return Long.parseLong(value);
    }
  }
}
