package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoBinarySearchTest {
  private static final byte[] PATTERN = "\0.dep-v0\0".getBytes(StandardCharsets.US_ASCII);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void indexOf_findsThePatternAtTheStartInsideAndAtTheEnd() {
    assertThat(GoBinaryCataloguer.indexOf(bytes("\0.dep-v0\0xyz"), 12, PATTERN, 5)).isZero();
    assertThat(GoBinaryCataloguer.indexOf(bytes("a-b\0.dep-v0\0"), 12, PATTERN, 5)).isEqualTo(3);
    assertThat(GoBinaryCataloguer.indexOf(bytes("--\0.dep-v0\0.dep-v0\0"), 20, PATTERN, 5))
        .isEqualTo(2);
  }

  @Test
  void indexOf_ignoresNearMissesAndBytesPastTheLength() {
    assertThat(GoBinaryCataloguer.indexOf(bytes("\0.dep-v1\0\0.dap-v0\0"), 18, PATTERN, 5))
        .isEqualTo(-1);
    assertThat(GoBinaryCataloguer.indexOf(bytes("xx\0.dep-v0\0"), 10, PATTERN, 5)).isEqualTo(-1);
    assertThat(GoBinaryCataloguer.indexOf(bytes("-"), 1, PATTERN, 5)).isEqualTo(-1);
  }

  @Test
  void find_sawDepV0_isSetForAnElfNamingTheSection() throws Exception {
    byte[] elf = CatalogTestImage.elfWithSection(".dep-v0", new byte[] {1, 2, 3});
    boolean[] saw = new boolean[1];

    assertThat(GoBinaryCataloguer.find(new ByteArrayInputStream(elf), saw)).isNull();
    assertThat(saw[0]).isTrue();
  }

  @Test
  void find_magicSplitAcrossTwoChunks_isFound() throws Exception {
    byte[] bin = CatalogTestImage.goBinary("go1.22.0", "path\tp\n");
    int magicAt = 64;
    byte[] padded = new byte[GoBinaryCataloguer.CHUNK + bin.length];
    System.arraycopy(bin, 0, padded, 0, 4);
    int shift =
        GoBinaryCataloguer.CHUNK - magicAt - 7; // the magic starts 7 bytes before a chunk end
    System.arraycopy(bin, 4, padded, 4 + shift, bin.length - 4);

    byte[] block = GoBinaryCataloguer.find(new ByteArrayInputStream(padded));

    assertThat(block).isNotNull();
    assertThat(GoBuildInfo.parse(java.util.Objects.requireNonNull(block))).isNotNull();
  }
}
