package dev.drydock.scanner;

import static dev.drydock.scanner.CatalogTestImage.pom;
import static dev.drydock.scanner.CatalogTestImage.utf8;
import static dev.drydock.scanner.CatalogTestImage.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Java archive identification and its bounds, on archives built in the test. */
class JavaArchiveCataloguerTest {
  private static final Digest LAYER = Digest.parse("sha256:" + "ab".repeat(32));

  private static CatalogSink read(String path, byte[] archive) throws Exception {
    CatalogSink sink = new CatalogSink();
    FileEntry e = new FileEntry(path, FileType.FILE, 0644, archive.length, null, 0, 0, LAYER, 0);
    JavaArchiveCataloguer c = new JavaArchiveCataloguer();
    assertThat(c.wants(e)).isTrue();
    c.read(e, new ByteArrayInputStream(archive), sink);
    return sink;
  }

  @Test
  void manifestOnly_identifiesByImplementationFields() throws Exception {
    byte[] jar =
        zip(
            Map.of(
                "META-INF/MANIFEST.MF",
                utf8(
                    """
                    Manifest-Version: 1.0
                    Implementation-Title: widget
                    Implementation-Version: 3.2.1
                    Implementation-Vendor-Id: com.example

                    """)),
            false);

    CatalogSink sink = read("/opt/widget.jar", jar);

    assertThat(sink.packages())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("com.example:widget");
              assertThat(p.version()).isEqualTo("3.2.1");
              assertThat(p.properties()).containsEntry("java.identifiedBy", "manifest");
              assertThat(p.layer()).isEqualTo(LAYER);
            });
  }

  @Test
  void bundleSymbolicName_isTheGroupWhenNoVendorId() throws Exception {
    byte[] jar =
        zip(
            Map.of(
                "META-INF/MANIFEST.MF",
                utf8(
                    """
                    Manifest-Version: 1.0
                    Bundle-SymbolicName: org.example.lib;singleton:=true
                    Bundle-Version: 1.0.0.v2020

                    """)),
            false);

    CatalogSink sink = read("/opt/lib-1.0.0.jar", jar);

    assertThat(sink.packages())
        .singleElement()
        .satisfies(p -> assertThat(p.name()).isEqualTo("org.example.lib:lib"));
  }

  @Test
  void shadedJarWithoutItsOwnPom_reportsEveryPomAndItselfByFileName() throws Exception {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("META-INF/maven/a.b/inner/pom.properties", pom("a.b", "inner", "1.0"));
    e.put("META-INF/maven/a.b/inner2/pom.properties", pom("a.b", "inner2", "${project.version}"));
    e.put("META-INF/maven/c.d/other/pom.properties", pom("c.d", "other", "2.0"));

    CatalogSink sink = read("/opt/fat-5.0.jar", zip(e, false));

    assertThat(sink.packages())
        .extracting(p -> p.name() + "@" + p.version())
        .containsExactlyInAnyOrder("a.b:inner@1.0", "c.d:other@2.0", "fat:fat@5.0");
  }

  @Test
  void nestingDeeperThanTheLimit_isAProblemButOuterLevelsCount() throws Exception {
    byte[] inner =
        zip(Map.of("META-INF/maven/g/deep/pom.properties", pom("g", "deep", "1")), false);
    for (int i = 0; i < JavaArchiveCataloguer.MAX_DEPTH + 1; i++) {
      inner =
          zip(
              Map.of(
                  "META-INF/maven/g/level" + i + "/pom.properties",
                  pom("g", "level" + i, "1"),
                  "lib/n" + i + ".jar",
                  inner),
              true);
    }

    CatalogSink sink = read("/opt/outer.jar", inner);

    assertThat(sink.problems()).singleElement().asString().contains("nested deeper than 8");
    assertThat(sink.packages()).hasSize(JavaArchiveCataloguer.MAX_DEPTH + 1);
    assertThat(sink.packages()).noneMatch(p -> p.name().equals("g:deep"));
  }

  @Test
  void zipBomb_isSkippedWithAProblem() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buf)) {
      zip.putNextEntry(new ZipEntry("META-INF/maven/g/a/pom.properties"));
      zip.write(pom("g", "a", "1"));
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] mb = new byte[1 << 20];
      for (int i = 0; i < 300; i++) {
        zip.write(mb);
      }
    }
    byte[] bomb = buf.toByteArray();
    assertThat(bomb.length).isLessThan(1 << 20);

    CatalogSink sink = read("/opt/bomb-1.0.jar", bomb);

    assertThat(sink.packages()).isEmpty();
    assertThat(sink.problems()).singleElement().asString().contains("zip bomb");
  }

  @Test
  void truncatedZip_isAProblem() throws Exception {
    byte[] jar =
        zip(
            Map.of(
                "META-INF/maven/g/a/pom.properties", pom("g", "a", "1"), "x.class", new byte[5000]),
            true);
    byte[] cut = java.util.Arrays.copyOf(jar, 200);

    CatalogSink sink = read("/opt/cut-1.0.jar", cut);

    assertThat(sink.packages()).isEmpty();
    assertThat(sink.problems())
        .singleElement()
        .asString()
        .startsWith("/opt/cut-1.0.jar: not a readable zip");
  }

  @Test
  void malformedNestedArchive_isAProblemAndTheOuterStillCounts() throws Exception {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("META-INF/maven/g/outer/pom.properties", pom("g", "outer", "1"));
    e.put("WEB-INF/lib/bad-1.0.jar", utf8("not a zip"));

    CatalogSink sink = read("/opt/app.war", zip(e, false));

    assertThat(sink.packages()).extracting(ImagePackage::name).containsExactly("g:outer");
    assertThat(sink.problems())
        .singleElement()
        .asString()
        .startsWith("/opt/app.war!/WEB-INF/lib/bad-1.0.jar: not a readable zip");
  }

  @Test
  void wants_onlyArchiveExtensions() {
    assertThat(JavaArchiveCataloguer.isArchive("/a/b.JAR")).isTrue();
    assertThat(JavaArchiveCataloguer.isArchive("/a/b.hpi")).isTrue();
    assertThat(JavaArchiveCataloguer.isArchive("/a/.jar")).isFalse();
    assertThat(JavaArchiveCataloguer.isArchive("/a.jar/b")).isFalse();
    assertThat(JavaArchiveCataloguer.isArchive("/a/b.zip")).isFalse();
  }
}
