package dev.drydock.scanner;

import static dev.drydock.scanner.CatalogTestImage.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata parsers, purls and the Go build info reader. */
class CatalogFormatsTest {
  @Test
  void manifest_continuationLinesAndMalformed() {
    assertThat(
            CatalogFormats.manifest(
                utf8("Manifest-Version: 1.0\r\nBundle-Name: a very long\r\n  name\r\n\r\n")))
        .containsEntry("Bundle-Name", "a very long name");
    assertThat(CatalogFormats.manifest(utf8("no colon here\n"))).isEmpty();
  }

  @Test
  void properties_andHeaders() {
    assertThat(CatalogFormats.properties(utf8("# c\nversion = 1.2\ngroupId=g\n")))
        .containsEntry("version", "1.2")
        .containsEntry("groupId", "g");
    assertThat(
            CatalogFormats.headers(
                utf8(
                    "Name: requests\r\nVersion: 2.31.0\r\nDescription: x\r\n  more\r\n\r\nName: body")))
        .containsEntry("name", "requests")
        .containsEntry("version", "2.31.0")
        .doesNotContainKey("body");
  }

  @Test
  void token_rejectsBlankSpacedTemplatedAndHuge() {
    assertThat(CatalogFormats.token(" 1.0 ")).isEqualTo("1.0");
    assertThat(CatalogFormats.token("1 0")).isNull();
    assertThat(CatalogFormats.token("${v}")).isNull();
    assertThat(CatalogFormats.token("")).isNull();
    assertThat(CatalogFormats.token("x".repeat(300))).isNull();
  }

  @Test
  void readCapped_refusesOversized() {
    assertThatThrownBy(() -> CatalogFormats.readCapped(new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOf(CatalogFormats.TooLargeException.class);
  }

  @Test
  void npmParse() {
    assertThat(NpmCataloguer.parse(utf8("{\"name\":\"@s/p\",\"version\":\"1.0.0\"}")))
        .containsExactly("@s/p", "1.0.0");
    assertThat(NpmCataloguer.parse(utf8("{\"name\":\"p\",\"version\":1}"))).isNull();
    assertThat(NpmCataloguer.parse(utf8("[1]"))).isNull();
    assertThat(NpmCataloguer.parse(utf8("{"))).isNull();
  }

  @Test
  void purls() {
    assertThat(CatalogPurls.pypi("Foo_Bar.baz", "1.0")).isEqualTo("pkg:pypi/foo-bar-baz@1.0");
    assertThat(CatalogPurls.npm("lodash", "4.17.15")).isEqualTo("pkg:npm/lodash@4.17.15");
    assertThat(CatalogPurls.golang("stdlib", "v1.21.0")).isEqualTo("pkg:golang/stdlib@v1.21.0");
    assertThat(CatalogPurls.of("rpm", "redhat", "openssl", "3.0.7-27.el9", Map.of("epoch", "1")))
        .isEqualTo("pkg:rpm/redhat/openssl@3.0.7-27.el9?epoch=1");
    assertThatThrownBy(() -> CatalogPurls.of("maven", null, "a", "1", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void goBuildInfo_inlineFormat() throws Exception {
    byte[] bin =
        CatalogTestImage.goBinary(
            "go1.22.1 X:boringcrypto",
            "path\tcmd/x\nmod\tcmd\t(devel)\t\ndep\tgithub.com/a/b\tv1.0.0\th1:=\n");
    byte[] block =
        java.util.Objects.requireNonNull(GoBinaryCataloguer.find(new ByteArrayInputStream(bin)));
    GoBuildInfo info = java.util.Objects.requireNonNull(GoBuildInfo.parse(block));

    assertThat(info.goVersion()).isEqualTo("go1.22.1 X:boringcrypto");
    assertThat(info.path()).isEqualTo("cmd/x");
    assertThat(info.main()).isEqualTo(new GoBuildInfo.Module("cmd", "(devel)"));
    assertThat(info.deps()).containsExactly(new GoBuildInfo.Module("github.com/a/b", "v1.0.0"));
  }

  @Test
  void goBuildInfo_notElfOrOldFormatOrCutOff() throws Exception {
    assertThat(GoBinaryCataloguer.find(new ByteArrayInputStream(utf8("#!/bin/sh\n")))).isNull();
    byte[] bin = CatalogTestImage.goBinary("go1.20", "path\tx\n");
    byte[] block =
        java.util.Objects.requireNonNull(GoBinaryCataloguer.find(new ByteArrayInputStream(bin)));
    byte[] old = block.clone();
    old[15] = 0;
    assertThat(GoBuildInfo.parse(old)).isNull();
    assertThat(GoBuildInfo.parse(java.util.Arrays.copyOf(block, 40))).isNull();
    assertThat(GoBuildInfo.parse(new byte[10])).isNull();
  }

  @Test
  void elfSection_foundOrNullWhenHeadersLie() throws Exception {
    byte[] elf = CatalogTestImage.elfWithSection(".dep-v0", utf8("payload"));

    assertThat(RustAuditCataloguer.section(elf, ".dep-v0")).isEqualTo(utf8("payload"));
    assertThat(RustAuditCataloguer.section(elf, ".dep-v")).isNull();
    assertThat(
            RustAuditCataloguer.section(java.util.Arrays.copyOf(elf, elf.length - 10), ".dep-v0"))
        .isNull();
    byte[] lying = elf.clone();
    java.nio.ByteBuffer.wrap(lying)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(lying.length - 64 + 32, 1L << 40); // .dep-v0 size past the end
    assertThat(RustAuditCataloguer.section(lying, ".dep-v0")).isNull();
    boolean[] saw = new boolean[1];
    assertThat(GoBinaryCataloguer.find(new ByteArrayInputStream(elf), saw)).isNull();
    assertThat(saw[0]).isTrue();
  }

  @Test
  void inflate_capsOutputAndRejectsGarbage() {
    byte[] big = CatalogTestImage.zlib(new byte[100_000]);
    assertThatThrownBy(() -> RustAuditCataloguer.inflate(big, 1000))
        .hasMessageContaining("more than 1000");
    assertThatThrownBy(() -> RustAuditCataloguer.inflate(utf8("not zlib"), 1000))
        .isInstanceOf(java.util.zip.DataFormatException.class);
    assertThatThrownBy(() -> RustAuditCataloguer.inflate(java.util.Arrays.copyOf(big, 20), 1 << 20))
        .hasMessageContaining("truncated");
  }

  @Test
  void goBinary_magicAcrossChunkBoundary_isFound() throws Exception {
    byte[] bin = CatalogTestImage.goBinary("go1.21.0", "path\tp\n");
    int pad = GoBinaryCataloguer.CHUNK - 70; // the magic straddles the first read
    byte[] shifted = new byte[bin.length + pad];
    System.arraycopy(bin, 0, shifted, 0, 4);
    System.arraycopy(bin, 4, shifted, 4 + pad, bin.length - 4);

    byte[] block =
        java.util.Objects.requireNonNull(
            GoBinaryCataloguer.find(new ByteArrayInputStream(shifted)));

    assertThat(GoBuildInfo.parse(block)).isNotNull();
  }
}
