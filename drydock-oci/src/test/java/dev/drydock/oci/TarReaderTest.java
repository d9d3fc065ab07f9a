package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarReaderTest {
  static List<TarEntry> readAll(byte[] tar) throws Exception {
    TarReader reader =
        new TarReader(
            new ByteArrayInputStream(tar),
            "test.tar",
            new Budget(ArchiveLimits.defaults(), "test.tar"));
    List<TarEntry> out = new ArrayList<>();
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      out.add(e);
      if (e.type() == FileType.FILE) {
        assertThat(reader.content().readAllBytes()).hasSize((int) e.size());
      }
    }
    assertThat(reader.next()).isNull();
    return out;
  }

  @Test
  void reads_ustarTypes() throws Exception {
    byte[] tar =
        new TarBuilder()
            .dir("d/")
            .file("d/f", "hello")
            .symlink("s", "d/f")
            .hardlink("h", "d/f")
            .device("c", '3')
            .device("b", '4')
            .device("p", '6')
            .build();

    List<TarEntry> entries = readAll(tar);

    assertThat(entries)
        .extracting(TarEntry::type)
        .containsExactly(
            FileType.DIRECTORY,
            FileType.FILE,
            FileType.SYMLINK,
            FileType.HARDLINK,
            FileType.CHAR_DEVICE,
            FileType.BLOCK_DEVICE,
            FileType.FIFO);
    assertThat(entries.get(1).size()).isEqualTo(5);
    assertThat(entries.get(1).mode()).isEqualTo(0644);
    assertThat(entries.get(2).linkName()).isEqualTo("d/f");
  }

  @Test
  void reads_gnuLongNameAndPaxPath() throws Exception {
    String longName = "a/".repeat(80) + "file.txt";
    byte[] tar =
        new TarBuilder()
            .longName(longName, "x")
            .pax("path", "pax/ünïcode-" + "p".repeat(150))
            .file("short", "y")
            .build();

    List<TarEntry> entries = readAll(tar);

    assertThat(entries)
        .extracting(TarEntry::name)
        .containsExactly(longName, "pax/ünïcode-" + "p".repeat(150));
  }

  @Test
  void unreadContent_isSkipped() throws Exception {
    byte[] tar = new TarBuilder().file("a", "x".repeat(2000)).file("b", "second").build();
    TarReader reader =
        new TarReader(
            new ByteArrayInputStream(tar), "t", new Budget(ArchiveLimits.defaults(), "t"));
    reader.next();
    TarEntry b = reader.next();

    assertThat(b).isNotNull();
    assertThat(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("second");
  }

  @Test
  void badChecksum_isRejected() {
    byte[] tar = new TarBuilder().file("a", "x").build();
    tar[0] = 'b';
    assertThatThrownBy(() -> readAll(tar))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void truncatedArchive_isRejected() {
    byte[] tar = new TarBuilder().file("a", "x".repeat(1000)).build();
    byte[] cut = Arrays.copyOf(tar, 700);
    assertThatThrownBy(() -> readAll(cut)).hasMessageContaining("truncated");
    byte[] cutHeader = Arrays.copyOf(tar, 100);
    assertThatThrownBy(() -> readAll(cutHeader)).hasMessageContaining("truncated");
  }

  @Test
  void notUstar_isRejected() {
    byte[] tar = new TarBuilder().file("a", "x").build();
    byte[] v7 = tar.clone();
    Arrays.fill(v7, 257, 265, (byte) 0);
    // Recompute checksum so that only the magic is wrong.
    Arrays.fill(v7, 148, 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += v7[i] & 0xff;
    }
    byte[] chk =
        String.format(java.util.Locale.ROOT, "%06o\0", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, v7, 148, chk.length);
    assertThatThrownBy(() -> readAll(v7)).hasMessageContaining("not ustar");
  }

  @Test
  void unsupportedType_andHugePax_areRejected() {
    assertThatThrownBy(
            () -> readAll(new TarBuilder().entry("s", 'S', new byte[0], "", 0644).build()))
        .hasMessageContaining("unsupported type");
    assertThatThrownBy(
            () -> readAll(new TarBuilder().pax("GNU.sparse.map", "1").file("a", "b").build()))
        .hasMessageContaining("sparse");
    assertThatThrownBy(
            () ->
                readAll(
                    new TarBuilder()
                        .entry("x", 'x', "bogus".getBytes(StandardCharsets.UTF_8), "", 0644)
                        .build()))
        .isInstanceOf(MalformedContentException.class);
    assertThatThrownBy(() -> readAll(new TarBuilder().symlink("s", "").build()))
        .hasMessageContaining("no target");
  }

  @Test
  void emptyStreamAndSingleZeroBlock_areEmptyArchives() throws Exception {
    assertThat(readAll(new byte[0])).isEmpty();
    assertThat(readAll(new byte[512])).isEmpty();
    byte[] junk = new byte[1024];
    junk[600] = 1;
    assertThatThrownBy(() -> readAll(junk)).hasMessageContaining("zero block");
  }
}
