package dev.drydock.scanner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The build information the Go toolchain (1.18+) embeds in binaries, in the {@code .go.buildinfo}
 * section: a 32-byte header starting with {@code \xff Go buildinf:}, then (flag bit 2, "inline")
 * the Go version and the module information as varint-length-prefixed strings. The module text is
 * lines of {@code path}, {@code mod}, {@code dep} and {@code =>} (replacement of the preceding
 * dep), tab-separated, as {@code runtime/debug.BuildInfo} writes them (<a
 * href="https://pkg.go.dev/debug/buildinfo">debug/buildinfo</a>). Older pointer-based headers are
 * not read.
 *
 * @param goVersion e.g. {@code go1.21.5}
 * @param path the main package path
 * @param main the main module, or null when not recorded
 * @param deps the dependency modules, replacements applied
 */
record GoBuildInfo(String goVersion, String path, @Nullable Module main, List<Module> deps) {
  static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  static final int HEADER = 32;
  static final int MAX_STRING = 1 << 20;
  private static final int MAX_DEPS = 100_000;

  /** One module: path and version. */
  record Module(String path, String version) {}

  GoBuildInfo {
    deps = List.copyOf(deps);
  }

  /**
   * Parses the header and strings at the start of {@code data} (which begins with the magic).
   *
   * @return the build info, or null when the data is not an inline build info block or is cut off
   */
  static @Nullable GoBuildInfo parse(byte[] data) {
    if (data.length < HEADER || !startsWithMagic(data)) {
      return null;
    }
    int flags = data[15] & 0xff;
    if ((flags & 2) == 0) {
      return null; // pre-1.18 pointer format
    }
    int[] pos = {HEADER};
    String version = string(data, pos);
    String mod = version == null ? null : string(data, pos);
    if (version == null || mod == null) {
      return null;
    }
    // The module text is framed by 16 sentinel bytes on each side.
    if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
      mod = mod.substring(16, mod.length() - 16);
    }
    return fromModInfo(version, mod);
  }

  static boolean startsWithMagic(byte[] data) {
    if (data.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  static GoBuildInfo fromModInfo(String goVersion, String modInfo) {
    String path = "";
    Module main = null;
    List<Module> deps = new ArrayList<>();
    for (String line : modInfo.split("\n", -1)) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "path" -> path = f.length > 1 ? f[1] : "";
        case "mod" -> main = f.length > 2 ? new Module(f[1], f[2]) : main;
        case "dep" -> {
          if (f.length > 2 && deps.size() < MAX_DEPS) {
            deps.add(new Module(f[1], f[2]));
          }
        }
        case "=>" -> {
          if (f.length > 2 && !deps.isEmpty()) {
            deps.set(deps.size() - 1, new Module(f[1], f[2]));
          }
        }
        default -> {
          // build settings and unknown lines carry no modules
        }
      }
    }
    return new GoBuildInfo(goVersion, path, main, deps);
  }

  /** Reads an unsigned LEB128 length and that many bytes; null when cut off or too long. */
  private static @Nullable String string(byte[] data, int[] pos) {
    long len = 0;
    int shift = 0;
    while (true) {
      if (pos[0] >= data.length || shift > 35) {
        return null;
      }
      int b = data[pos[0]++] & 0xff;
      len |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (len > MAX_STRING || len > data.length - pos[0]) {
      return null;
    }
    String s = new String(data, pos[0], (int) len, StandardCharsets.UTF_8);
    pos[0] += (int) len;
    return s;
  }
}
