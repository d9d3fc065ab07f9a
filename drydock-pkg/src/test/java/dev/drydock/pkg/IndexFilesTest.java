package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFilesTest {
  @TempDir Path tmp;

  @Test
  void lz4LinkedBlocks_decodeByteForByte() throws Exception {
    byte[] expected =
        Files.readAllBytes(Fixtures.rootfs("debian-12.15-minbase").resolve("var/lib/dpkg/status"));
    assertThat(IndexFiles.decoded(Fixtures.resource("index/status.lz4"))).isEqualTo(expected);
  }

  @Test
  void lz4IndependentBlocksWithChecksums_decode() throws Exception {
    byte[] expected =
        Files.readAllBytes(Fixtures.rootfs("alpine-3.10.4").resolve("lib/apk/db/installed"));
    assertThat(IndexFiles.decoded(Fixtures.resource("index/installed.lz4"))).isEqualTo(expected);
  }

  @Test
  void lz4Truncated_isTypedError() throws Exception {
    byte[] full = Files.readAllBytes(Fixtures.resource("index/status.lz4"));
    Path cut = Files.write(tmp.resolve("cut.lz4"), Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> IndexFiles.decoded(cut))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("cut.lz4 (offset");
  }

  @Test
  void lz4OutputCap_isEnforced() throws Exception {
    byte[] full = Files.readAllBytes(Fixtures.resource("index/status.lz4"));
    assertThatThrownBy(() -> Lz4Frame.decode(full, 1000, Path.of("x.lz4")))
        .hasMessageContaining("decompresses to more than");
  }

  @Test
  void apkIndexTarGz_concatenatedMembers() throws Exception {
    byte[] tar = IndexFiles.decoded(Fixtures.resource("index/APKINDEX.5a59b88b.tar.gz"));
    Map<String, byte[]> entries = ApkIndexes.untar(tar, Path.of("APKINDEX.tar.gz"));
    assertThat(entries).containsKeys("DESCRIPTION", "APKINDEX");
    assertThat(new String(entries.get("DESCRIPTION"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("v3.10.9-2-gtest\n");
  }

  @Test
  void badGzip_isTypedError() throws Exception {
    Path f = Files.write(tmp.resolve("x.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    assertThatThrownBy(() -> IndexFiles.decoded(f))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("not valid gzip");
  }

  @Test
  void tarWithBadSize_isTypedError() {
    byte[] tar = new byte[1024];
    tar[0] = 'a';
    tar[124] = '9';
    assertThatThrownBy(() -> ApkIndexes.untar(tar, Path.of("t.tar")))
        .hasMessageContaining("malformed size");
  }
}
