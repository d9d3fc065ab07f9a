package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RpmHeaderTest {
  private static final Path FILE = Path.of("rpmdb.sqlite");

  @Test
  void parsesStringsNumbersAndFileLists() throws Exception {
    byte[] blob =
        new Blob()
            .string(RpmHeader.NAME, 6, "openssl")
            .string(RpmHeader.VERSION, 6, "3.0.7")
            .string(RpmHeader.RELEASE, 6, "27.el9")
            .int32(RpmHeader.EPOCH, 1)
            .string(RpmHeader.ARCH, 6, "x86_64")
            .string(RpmHeader.SOURCERPM, 6, "openssl-3.0.7-27.el9.src.rpm")
            .int32(RpmHeader.DIRINDEXES, 0, 1, 0)
            .string(RpmHeader.BASENAMES, 8, "openssl", "openssl.cnf", "c_rehash")
            .string(RpmHeader.DIRNAMES, 8, "/usr/bin/", "/etc/pki/tls/")
            .int32(1009, 42)
            .build();
    RpmHeader h = RpmHeader.parse(blob, FILE, "row 1");
    InstalledPackage p = RpmDatabase.toPackage(h, FILE, "row 1", "Red Hat");
    assertThat(p.version()).isEqualTo("1:3.0.7-27.el9");
    assertThat(p.sourceName()).isEqualTo("openssl");
    assertThat(p.sourceVersion()).isEqualTo("1:3.0.7-27.el9");
    assertThat(p.installedSize()).isEqualTo(42);
    assertThat(p.files())
        .containsExactly("/usr/bin/openssl", "/etc/pki/tls/openssl.cnf", "/usr/bin/c_rehash");
  }

  @Test
  void rejectsLengthMismatch() {
    byte[] blob = new Blob().string(RpmHeader.NAME, 6, "x").build();
    byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
    assertThatThrownBy(() -> RpmHeader.parse(longer, FILE, "row 3"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("row 3, offset 0");
  }

  @Test
  void rejectsImplausibleCounts() {
    byte[] blob = ByteBuffer.allocate(8).putInt(0x10000).putInt(0).array();
    assertThatThrownBy(() -> RpmHeader.parse(blob, FILE, "row 1"))
        .hasMessageContaining("implausible");
    assertThatThrownBy(() -> RpmHeader.parse(new byte[3], FILE, "row 1"))
        .hasMessageContaining("shorter");
  }

  @Test
  void rejectsOffsetOutsideDataAndUnterminatedString() {
    ByteBuffer b = ByteBuffer.allocate(8 + 16 + 4);
    b.putInt(1).putInt(4).putInt(RpmHeader.NAME).putInt(6).putInt(9).putInt(1);
    b.put("abcd".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> RpmHeader.parse(b.array(), FILE, "row 2"))
        .hasMessageContaining("outside the data store");
    ByteBuffer c = ByteBuffer.allocate(8 + 16 + 4);
    c.putInt(1).putInt(4).putInt(RpmHeader.NAME).putInt(6).putInt(0).putInt(1);
    c.put("abcd".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> RpmHeader.parse(c.array(), FILE, "row 2"))
        .hasMessageContaining("malformed value");
  }

  @Test
  void rejectsDirIndexPastDirNames() throws Exception {
    byte[] blob =
        new Blob()
            .string(RpmHeader.NAME, 6, "x")
            .string(RpmHeader.VERSION, 6, "1")
            .int32(RpmHeader.DIRINDEXES, 5)
            .string(RpmHeader.BASENAMES, 8, "f")
            .string(RpmHeader.DIRNAMES, 8, "/")
            .build();
    RpmHeader h = RpmHeader.parse(blob, FILE, "row 1");
    assertThatThrownBy(() -> RpmDatabase.toPackage(h, FILE, "row 1", "Red Hat"))
        .hasMessageContaining("DIRINDEXES[0]");
  }

  @Test
  void rejectsMissingName() throws Exception {
    RpmHeader h = RpmHeader.parse(new Blob().int32(RpmHeader.EPOCH, 1).build(), FILE, "row 1");
    assertThatThrownBy(() -> RpmDatabase.toPackage(h, FILE, "row 1", "Red Hat"))
        .hasMessageContaining("no NAME");
  }

  /** Builds header blobs: index entries plus a data store, ints aligned to 4 as rpm does. */
  static final class Blob {
    private final ByteArrayOutputStream index = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int entries;

    Blob string(int tag, int type, String... values) {
      entry(tag, type, data.size(), values.length);
      for (String v : values) {
        data.writeBytes(v.getBytes(StandardCharsets.UTF_8));
        data.write(0);
      }
      return this;
    }

    Blob int32(int tag, int... values) {
      while (data.size() % 4 != 0) {
        data.write(0);
      }
      entry(tag, 4, data.size(), values.length);
      ByteBuffer b = ByteBuffer.allocate(4 * values.length);
      for (int v : values) {
        b.putInt(v);
      }
      data.writeBytes(b.array());
      return this;
    }

    private void entry(int tag, int type, int offset, int count) {
      index.writeBytes(
          ByteBuffer.allocate(16).putInt(tag).putInt(type).putInt(offset).putInt(count).array());
      entries++;
    }

    byte[] build() {
      ByteBuffer out = ByteBuffer.allocate(8 + index.size() + data.size());
      out.putInt(entries).putInt(data.size()).put(index.toByteArray()).put(data.toByteArray());
      return out.array();
    }
  }
}
