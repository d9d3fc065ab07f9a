package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.OciException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Rust binaries built with <a href="https://github.com/rust-secure-code/cargo-auditable">
 * cargo-auditable</a>: their ELF {@code .dep-v0} section holds zlib-compressed JSON listing the
 * crates compiled in ({@code {"packages":[{"name","version","source","kind"}]}}). The streaming
 * walk only notes ELF files that name such a section ({@link GoBinaryCataloguer} sees every
 * executable); they are read whole afterwards, since the section header table sits at the end of
 * the file. Crates from {@code crates.io} that are not build-time only are reported.
 */
final class RustAuditCataloguer implements Cataloguer {
  static final int MAX_BINARY_BYTES = 256 << 20;
  static final int MAX_JSON_BYTES = 8 << 20;
  private static final int MAX_CANDIDATES = 1000;
  private static final int MAX_SECTIONS = 65_535;

  private final ImageFilesystem fs;
  private final List<FileEntry> candidates = new ArrayList<>();

  RustAuditCataloguer(ImageFilesystem fs) {
    this.fs = fs;
  }

  @Override
  public String name() {
    return "rust-audit";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return false; // fed by GoBinaryCataloguer's pass over executables
  }

  @Override
  public void read(FileEntry entry, InputStream content, CatalogSink sink) {
    candidate(entry);
  }

  void candidate(FileEntry entry) {
    if (candidates.size() < MAX_CANDIDATES) {
      candidates.add(entry);
    }
  }

  @Override
  public void finish(CatalogSink sink) {
    for (FileEntry e : candidates) {
      byte[] elf;
      try {
        elf = fs.readFile(e.path(), MAX_BINARY_BYTES);
      } catch (OciException ex) {
        sink.problem(
            e.path(), "cannot read the binary for its .dep-v0 section: " + ex.getMessage());
        continue;
      }
      byte[] section = section(elf, ".dep-v0");
      if (section == null) {
        continue;
      }
      byte[] json;
      try {
        json = inflate(section, MAX_JSON_BYTES);
      } catch (DataFormatException | IOException ex) {
        sink.problem(e.path(), "malformed .dep-v0 section (" + ex.getMessage() + ")");
        continue;
      }
      report(e, json, sink);
    }
  }

  private void report(FileEntry e, byte[] json, CatalogSink sink) {
    JsonNode packages;
    try {
      packages = NpmCataloguer.Json.MAPPER.readTree(json).path("packages");
    } catch (IOException | RuntimeException ex) {
      sink.problem(e.path(), "the .dep-v0 section is not JSON");
      return;
    }
    for (JsonNode p : packages) {
      if (!p.path("source").asText("").equals("crates.io")
          || p.path("kind").asText("runtime").equals("build")) {
        continue;
      }
      String name = CatalogFormats.token(p.path("name").asText(null));
      String version = CatalogFormats.token(p.path("version").asText(null));
      if (name == null || version == null) {
        continue;
      }
      try {
        sink.add(
            new ImagePackage(
                "crates.io",
                name,
                version,
                CatalogPurls.of("cargo", null, name, version, Map.of()),
                null,
                null,
                e.diffId(),
                List.of(e.path()),
                name(),
                Map.of()));
      } catch (IllegalArgumentException ex) {
        sink.problem(e.path(), ex.getMessage());
      }
    }
  }

  /**
   * {@return the content of the named section of an ELF file (32 or 64 bit, either byte order), or
   * null when the file is not ELF, has no such section, or its headers point outside the file}
   *
   * @see <a href="https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.sheader.html">ELF section
   *     header</a>
   */
  static byte @Nullable [] section(byte[] elf, String name) {
    if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
      return null;
    }
    boolean is64 = elf[4] == 2;
    ByteBuffer b =
        ByteBuffer.wrap(elf).order(elf[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
    int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3A : 0x2E));
    int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3C : 0x30));
    int shstrndx = Short.toUnsignedInt(b.getShort(is64 ? 0x3E : 0x32));
    if (shentsize < (is64 ? 64 : 40)
        || shnum > MAX_SECTIONS
        || shstrndx >= shnum
        || shoff < 0
        || shoff > elf.length
        || (long) shentsize * shnum > elf.length - shoff) {
      return null;
    }
    long[] strtab = header(b, is64, shoff + (long) shentsize * shstrndx, elf.length);
    if (strtab == null) {
      return null;
    }
    byte[] want = name.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < shnum; i++) {
      long[] h = header(b, is64, shoff + (long) shentsize * i, elf.length);
      if (h == null) {
        continue;
      }
      long nameAt = strtab[1] + h[0];
      if (h[0] >= strtab[2] || nameAt + want.length + 1 > elf.length) {
        continue;
      }
      boolean match = elf[(int) nameAt + want.length] == 0;
      for (int j = 0; match && j < want.length; j++) {
        match = elf[(int) nameAt + j] == want[j];
      }
      if (match) {
        return java.util.Arrays.copyOfRange(elf, (int) h[1], (int) (h[1] + h[2]));
      }
    }
    return null;
  }

  /**
   * {@return sh_name, sh_offset and sh_size of the header at {@code at}, or null if out of range}
   */
  private static long @Nullable [] header(ByteBuffer b, boolean is64, long at, int length) {
    long name = Integer.toUnsignedLong(b.getInt((int) at));
    long offset = is64 ? b.getLong((int) at + 24) : Integer.toUnsignedLong(b.getInt((int) at + 16));
    long size = is64 ? b.getLong((int) at + 32) : Integer.toUnsignedLong(b.getInt((int) at + 20));
    if (offset < 0 || size < 0 || offset > length || size > length - offset) {
      return null;
    }
    return new long[] {name, offset, size};
  }

  static byte[] inflate(byte[] data, int max) throws DataFormatException, IOException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16 << 10];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("truncated zlib stream");
        }
        out.write(buf, 0, n);
        if (out.size() > max) {
          throw new IOException("inflates to more than " + max + " bytes");
        }
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }
}
