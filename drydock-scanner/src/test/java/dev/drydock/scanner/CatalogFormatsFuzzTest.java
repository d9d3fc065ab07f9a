package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.Digest;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parsers of package evidence, all of which read untrusted image content: JAR manifests,
 * {@code pom.properties}, Python core metadata, {@code package.json}, Go build info, and whole
 * (possibly nested) Java archives. None may throw; each returns what it understood or nothing, and
 * a Java archive yields packages or problems.
 *
 * <p>Runs its seeds (in {@code CatalogFormatsFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class CatalogFormatsFuzzTest {
  private static final Digest LAYER = Digest.parse("sha256:" + "cd".repeat(32));

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void metadata(byte[] data) {
    assertThat(CatalogFormats.manifest(data)).doesNotContainValue(null);
    assertThat(CatalogFormats.properties(data)).doesNotContainValue(null);
    assertThat(CatalogFormats.headers(data)).doesNotContainValue(null);
    String[] npm = NpmCataloguer.parse(data);
    if (npm != null) {
      assertThat(npm).hasSize(2).doesNotContainNull();
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void goBuildInfo(byte[] data) throws IOException {
    GoBuildInfo direct = GoBuildInfo.parse(data);
    if (direct != null) {
      assertThat(direct.deps()).doesNotContainNull();
    }
    byte[] block = GoBinaryCataloguer.find(new ByteArrayInputStream(data));
    if (block != null) {
      assertThat(GoBuildInfo.startsWithMagic(block)).isTrue();
      GoBuildInfo.parse(block);
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void elfSection(byte[] data) {
    byte[] section = RustAuditCataloguer.section(data, ".dep-v0");
    if (section != null) {
      assertThat(section.length).isLessThanOrEqualTo(data.length);
      try {
        assertThat(RustAuditCataloguer.inflate(section, 1 << 16).length)
            .isLessThanOrEqualTo(1 << 16);
      } catch (java.util.zip.DataFormatException | IOException expected) {
        // malformed or too large: refused
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void javaArchive(byte[] data) throws IOException {
    CatalogSink sink = new CatalogSink();
    FileEntry e = new FileEntry("/f.jar", FileType.FILE, 0644, data.length, null, 0, 0, LAYER, 0);

    new JavaArchiveCataloguer().read(e, new ByteArrayInputStream(data), sink);

    for (ImagePackage p : sink.packages()) {
      assertThat(p.purl()).startsWith("pkg:maven/");
      assertThat(p.locations()).singleElement().asString().startsWith("/f.jar");
    }
  }
}
