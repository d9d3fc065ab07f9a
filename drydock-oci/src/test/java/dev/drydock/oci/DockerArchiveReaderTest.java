package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted {@code docker save} archives: the legacy layout, the OCI layout in a tar, and attacks.
 */
class DockerArchiveReaderTest {
  @TempDir Path tmp;

  private static final Platform AMD64 = Platform.of("linux", "amd64");

  private Path legacy(
      byte[] layer, @org.jspecify.annotations.Nullable String configHexOverride, String layerName)
      throws Exception {
    Digest diffId = TestLayout.sha256(layer);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    String hex = configHexOverride != null ? configHexOverride : TestLayout.sha256(config).hex();
    String manifest =
        "[{\"Config\":\""
            + hex
            + ".json\",\"RepoTags\":[\"app:1\"],\"Layers\":[\""
            + layerName
            + "\"]}]";
    byte[] tar =
        new TarBuilder()
            .file("manifest.json", manifest)
            .file(hex + ".json", config, 0644)
            .dir("abc/")
            .file("abc/layer.tar", layer, 0644)
            .build();
    Path file = tmp.resolve("archive-" + System.nanoTime() + ".tar");
    Files.write(file, tar);
    return file;
  }

  private DockerArchiveReader reader(Path archive) {
    return new DockerArchiveReader(archive, tmp, ArchiveLimits.defaults(), AMD64);
  }

  @Test
  void legacy_readsConfigLayersAndFiles() throws Exception {
    byte[] layer = new TarBuilder().file("hello", "world").build();
    Path archive = legacy(layer, null, "abc/layer.tar");

    try (Image image = reader(archive).open("app:1")) {
      assertThat(image.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(image.layers())
          .singleElement()
          .extracting(Layer::diffId)
          .isEqualTo(TestLayout.sha256(layer));
      assertThat(
              new String(
                  ImageFilesystem.flatten(image, ArchiveLimits.defaults()).readFile("/hello", 10),
                  StandardCharsets.UTF_8))
          .isEqualTo("world");
    }
    try (Image image = reader(archive).open(null)) {
      assertThat(image.source()).contains("docker archive");
    }
  }

  @Test
  void legacyGzip_isDecompressedToWorkAndRemovedOnClose() throws Exception {
    Path archive = legacy(new TarBuilder().file("a", "b").build(), null, "abc/layer.tar");
    Path gz = tmp.resolve("a.tar.gz");
    Files.write(gz, TestLayout.gzip(Files.readAllBytes(archive)));
    Path work = Files.createDirectories(tmp.resolve("work"));

    try (Image image =
        new DockerArchiveReader(gz, work, ArchiveLimits.defaults(), AMD64).open("app:1")) {
      try (var files = Files.list(work)) {
        assertThat(files).hasSize(1);
      }
      assertThat(image.config().os()).isEqualTo("linux");
    }
    try (var files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void configNamedByOtherDigest_isDigestMismatch() throws Exception {
    Path archive = legacy(new TarBuilder().file("a", "b").build(), "0".repeat(64), "abc/layer.tar");
    assertThatThrownBy(() -> reader(archive).open(null))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("sha256:" + "0".repeat(64));
  }

  @Test
  void layerTampered_isDigestMismatchWhenRead() throws Exception {
    byte[] layer = new TarBuilder().file("a", "b").build();
    Path archive = legacy(layer, null, "abc/layer.tar");
    byte[] bytes = Files.readAllBytes(archive);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf("b\0\0\0"); // the layer's file content inside the archive
    bytes[at] = 'c';
    Files.write(archive, bytes);

    try (Image image = reader(archive).open(null)) {
      assertThatThrownBy(() -> ImageFilesystem.flatten(image, ArchiveLimits.defaults()))
          .isInstanceOf(DigestMismatchException.class);
    }
  }

  @Test
  void memberWithTraversal_isRefused() throws Exception {
    Path file = tmp.resolve("evil.tar");
    Files.write(file, new TarBuilder().file("../evil", "x").file("manifest.json", "[]").build());
    assertThatThrownBy(() -> reader(file).open(null))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("path traversal");
    assertThat(tmp.resolveSibling("evil")).doesNotExist();
  }

  @Test
  void duplicateMember_andSymlinkOutside_areRefused() throws Exception {
    Path dup = tmp.resolve("dup.tar");
    Files.write(
        dup, new TarBuilder().file("manifest.json", "[]").file("manifest.json", "[]").build());
    assertThatThrownBy(() -> reader(dup).open(null)).hasMessageContaining("appears twice");

    byte[] layer = new TarBuilder().file("a", "b").build();
    Digest diffId = TestLayout.sha256(layer);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    Path link = tmp.resolve("link.tar");
    Files.write(
        link,
        new TarBuilder()
            .file("manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"l/layer.tar\"]}]")
            .file("c.json", config, 0644)
            .symlink("l/layer.tar", "../../../etc/passwd")
            .build());
    assertThatThrownBy(() -> reader(link).open(null))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("links outside");
  }

  @Test
  void ociLayoutInTar_isRead() throws Exception {
    Path layout =
        TestLayout.write(tmp.resolve("layout"), List.of(new TarBuilder().file("x", "y").build()));
    TarBuilder tar = new TarBuilder();
    tar.file("oci-layout", Files.readAllBytes(layout.resolve("oci-layout")), 0644);
    tar.file("index.json", Files.readAllBytes(layout.resolve("index.json")), 0644);
    try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        tar.file("blobs/sha256/" + blob.getFileName(), Files.readAllBytes(blob), 0644);
      }
    }
    Path file = tmp.resolve("oci.tar");
    Files.write(file, tar.build());

    try (Image image = reader(file).open("test")) {
      assertThat(image.manifestDigest()).isNotNull();
      assertThat(ImageFilesystem.flatten(image, ArchiveLimits.defaults()).find("/x")).isPresent();
    }
    assertThatThrownBy(() -> reader(file).open("missing")).hasMessageContaining("no image named");
  }

  @Test
  void notAnArchive_isMalformed() throws Exception {
    Path file = tmp.resolve("plain.tar");
    Files.write(file, new TarBuilder().file("readme", "hi").build());
    assertThatThrownBy(() -> reader(file).open(null))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("not a docker save archive");
  }
}
