package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Go binaries: executable ELF files whose build info ({@link GoBuildInfo}) names the main module
 * and its dependencies, plus the standard library at the toolchain version. The file is streamed
 * once, looking for the build info magic; nothing but a small window is held in memory.
 */
final class GoBinaryCataloguer implements Cataloguer {
  static final long MAX_BINARY_BYTES = 1L << 30;
  static final int CHUNK = 64 << 10;

  /** The section name as the section header string table holds it, NUL-framed. */
  private static final byte[] DEP_V0 = "\0.dep-v0\0".getBytes(StandardCharsets.US_ASCII);

  /**
   * Where each pattern is anchored when searched for: a byte that is rare in executables ('-' and
   * ':'), unlike the patterns' first bytes (NUL and 0xff), which made a byte-by-byte search try a
   * match at a large share of all offsets.
   */
  private static final int DEP_V0_ANCHOR = 5;

  private static final int MAGIC_ANCHOR = 13;

  private final @Nullable RustAuditCataloguer rust;

  /** A Go cataloguer that ignores Rust binaries. */
  GoBinaryCataloguer() {
    this(null);
  }

  /**
   * @param rust told about ELF files that name a {@code .dep-v0} section, to read them after the
   *     walk
   */
  GoBinaryCataloguer(@Nullable RustAuditCataloguer rust) {
    this.rust = rust;
  }

  @Override
  public String name() {
    return "go-binary";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return (entry.mode() & 0111) != 0
        && entry.size() >= GoBuildInfo.HEADER
        && entry.size() <= MAX_BINARY_BYTES;
  }

  @Override
  public void read(FileEntry entry, InputStream content, CatalogSink sink) throws IOException {
    boolean[] sawDepV0 = new boolean[1];
    byte[] block = find(content, sawDepV0);
    if (block == null) {
      if (sawDepV0[0] && rust != null) {
        rust.candidate(entry);
      }
      return;
    }
    GoBuildInfo info = GoBuildInfo.parse(block);
    if (info == null) {
      return;
    }
    List<GoBuildInfo.Module> modules = new ArrayList<>();
    GoBuildInfo.Module main = info.main();
    if (main != null && !main.version().equals("(devel)")) {
      modules.add(main);
    }
    modules.addAll(info.deps());
    String go = info.goVersion().strip().split("\\s+", 2)[0];
    if (go.startsWith("go") && go.length() > 2) {
      modules.add(new GoBuildInfo.Module("stdlib", "v" + go.substring(2)));
    }
    for (GoBuildInfo.Module m : modules) {
      String path = CatalogFormats.token(m.path());
      String version = CatalogFormats.token(m.version());
      if (path == null || version == null) {
        continue;
      }
      try {
        sink.add(
            new ImagePackage(
                "Go",
                path,
                version,
                CatalogPurls.golang(path, version),
                null,
                null,
                entry.diffId(),
                List.of(entry.path()),
                name(),
                Map.of("go.toolchain", go, "go.mainPath", info.path())));
      } catch (IllegalArgumentException e) {
        sink.problem(entry.path(), e.getMessage());
      }
    }
  }

  /**
   * {@return the bytes from the build info magic on (at most {@link GoBuildInfo#MAX_STRING} times
   * two plus the header), or null when the stream is not ELF or holds no magic}
   */
  static byte @Nullable [] find(InputStream in) throws IOException {
    return find(in, new boolean[1]);
  }

  /**
   * Like {@link #find(InputStream)}; also sets {@code sawDepV0[0]} when the file (read to its end
   * when it holds no Go build info) names a {@code .dep-v0} section, cargo-auditable's.
   */
  static byte @Nullable [] find(InputStream in, boolean[] sawDepV0) throws IOException {
    byte[] head = in.readNBytes(4);
    if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
      return null;
    }
    byte[] magic = GoBuildInfo.MAGIC;
    byte[] buf = new byte[CHUNK + Math.max(magic.length, DEP_V0.length)];
    int carry = 0;
    while (true) {
      int n = in.readNBytes(buf, carry, CHUNK);
      if (n <= 0) {
        return null;
      }
      int len = carry + n;
      if (!sawDepV0[0] && indexOf(buf, len, DEP_V0, DEP_V0_ANCHOR) >= 0) {
        sawDepV0[0] = true;
      }
      int at = indexOf(buf, len, magic, MAGIC_ANCHOR);
      if (at >= 0) {
        byte[] start = Arrays.copyOfRange(buf, at, len);
        int want = GoBuildInfo.HEADER + 2 * GoBuildInfo.MAX_STRING + 20;
        byte[] more = in.readNBytes(Math.max(0, want - start.length));
        byte[] all = Arrays.copyOf(start, start.length + more.length);
        System.arraycopy(more, 0, all, start.length, more.length);
        return all;
      }
      carry = Math.min(Math.max(magic.length, DEP_V0.length) - 1, len);
      System.arraycopy(buf, len - carry, buf, 0, carry);
    }
  }

  /**
   * {@return the first index of {@code pattern} in {@code buf[0, len)}, or -1}; candidates are
   * offsets where the pattern's byte at {@code anchor} occurs, compared whole with the vectorised
   * {@link Arrays#equals(byte[], int, int, byte[], int, int)}
   */
  static int indexOf(byte[] buf, int len, byte[] pattern, int anchor) {
    byte a = pattern[anchor];
    int last = len - pattern.length + anchor;
    for (int i = anchor; i <= last; i++) {
      if (buf[i] == a
          && Arrays.equals(
              buf, i - anchor, i - anchor + pattern.length, pattern, 0, pattern.length)) {
        return i - anchor;
      }
    }
    return -1;
  }
}
