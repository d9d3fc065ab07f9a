package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesystemTest {
  @TempDir Path tmp;

  private ImageFilesystem flatten(byte[]... tars) throws Exception {
    Image image = TestLayout.open(TestLayout.write(tmp.resolve("layout"), List.of(tars)));
    return ImageFilesystem.flatten(image, ArchiveLimits.defaults());
  }

  @Test
  void flatten_whiteoutInLaterLayer_removesFileAndKeepsLayerOfOthers() throws Exception {
    byte[] base =
        new TarBuilder()
            .dir("etc/")
            .file("etc/passwd", "root")
            .file("etc/secret", "s")
            .dir("var/")
            .file("var/a", "a")
            .build();
    byte[] top = new TarBuilder().file("etc/.wh.secret", "").file("etc/new", "n").build();

    ImageFilesystem fs = flatten(base, top);

    assertThat(fs.files())
        .extracting(FileEntry::path)
        .containsExactly("/etc", "/etc/new", "/etc/passwd", "/var", "/var/a");
    assertThat(fs.find("/etc/passwd").orElseThrow().layerIndex()).isZero();
    assertThat(fs.find("/etc/new").orElseThrow().layerIndex()).isEqualTo(1);
    assertThat(fs.find("/etc/new").orElseThrow().diffId()).isEqualTo(TestLayout.sha256(top));
    assertThat(fs.readFile("/etc/passwd", 100)).asString(StandardCharsets.UTF_8).isEqualTo("root");
  }

  @Test
  void flatten_opaqueDirectory_hidesLowerChildrenOnly() throws Exception {
    byte[] base = new TarBuilder().dir("d/").file("d/old", "o").file("keep", "k").build();
    byte[] top = new TarBuilder().dir("d/").file("d/.wh..wh..opq", "").file("d/fresh", "f").build();

    ImageFilesystem fs = flatten(base, top);

    assertThat(fs.files()).extracting(FileEntry::path).containsExactly("/d", "/d/fresh", "/keep");
  }

  @Test
  void flatten_overwrittenFile_reportsLastLayerAndContent() throws Exception {
    byte[] base = new TarBuilder().file("f", "one").build();
    byte[] top = new TarBuilder().file("f", "two!").build();

    ImageFilesystem fs = flatten(base, top);

    FileEntry f = fs.find("f").orElseThrow();
    assertThat(f.layerIndex()).isEqualTo(1);
    assertThat(f.size()).isEqualTo(4);
    assertThat(TestLayout.text(fs.readFile("/f", 10))).isEqualTo("two!");
    assertThatThrownBy(() -> fs.readFile("/f", 2)).isInstanceOf(OciException.class);
    assertThatThrownBy(() -> fs.readFile("/none", 2)).hasMessageContaining("no file");
  }

  @Test
  void walk_visitsFinalFilesWithLazyContent() throws Exception {
    byte[] base =
        new TarBuilder().file("a", "A").file("b", "B").symlink("l", "a").hardlink("h", "a").build();
    byte[] top = new TarBuilder().file("b", "B2").build();
    ImageFilesystem fs = flatten(base, top);
    List<String> seen = new ArrayList<>();

    fs.walk(
        (entry, content) ->
            seen.add(
                entry.path() + "=" + new String(content.readAllBytes(), StandardCharsets.UTF_8)));

    assertThat(seen).containsExactlyInAnyOrder("/a=A", "/l=", "/h=A", "/b=B2");
    assertThat(fs.find("/h").orElseThrow().linkTarget()).isEqualTo("/a");
  }

  @Test
  void walk_hardlinkKeepsContentOfItsTargetWhenTargetIsLaterReplaced() throws Exception {
    byte[] base = new TarBuilder().file("a", "old").hardlink("h", "a").build();
    byte[] top = new TarBuilder().file("a", "new!").build();
    ImageFilesystem fs = flatten(base, top);
    List<String> seen = new ArrayList<>();

    fs.walk(
        (entry, content) ->
            seen.add(
                entry.path() + "=" + new String(content.readAllBytes(), StandardCharsets.UTF_8)));

    assertThat(seen).containsExactlyInAnyOrder("/h=old", "/a=new!");
    assertThat(TestLayout.text(fs.readFile("/h", 10))).isEqualTo("old");
  }

  @Test
  void flatten_symlinkedDirectory_storesEntriesWhereTheLinkLeads() throws Exception {
    byte[] base = new TarBuilder().dir("usr/lib/").symlink("lib", "usr/lib").build();
    byte[] top = new TarBuilder().file("lib/x.so", "x").build();

    ImageFilesystem fs = flatten(base, top);

    assertThat(fs.find("/usr/lib/x.so")).isPresent();
  }

  @Test
  void flatten_pathTraversal_isRefused() {
    byte[] evil = new TarBuilder().file("a/../../etc/passwd", "x").build();
    assertThatThrownBy(() -> flatten(evil))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("path traversal");
  }

  @Test
  void flatten_absolutePath_isRefused() {
    byte[] evil = new TarBuilder().file("/etc/passwd", "x").build();
    assertThatThrownBy(() -> flatten(evil))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void flatten_symlinkEscapingRoot_isRefused() {
    byte[] evil = new TarBuilder().symlink("up", "../../../tmp").build();
    assertThatThrownBy(() -> flatten(evil))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("outside the image root");
  }

  @Test
  void flatten_symlinkEscapeThroughIntermediateSymlink_isRefused() {
    byte[] base = new TarBuilder().dir("a/b/").symlink("x", "a/b").build();
    byte[] top = new TarBuilder().symlink("y", "x/../../..").build();
    assertThatThrownBy(() -> flatten(base, top))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void flatten_hardlinkToMissingOrOutside_isRefused() {
    assertThatThrownBy(() -> flatten(new TarBuilder().hardlink("h", "nowhere").build()))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("no earlier entry");
    assertThatThrownBy(() -> flatten(new TarBuilder().hardlink("h", "../../etc/shadow").build()))
        .isInstanceOf(UnsafeArchiveException.class);
    assertThatThrownBy(() -> flatten(new TarBuilder().hardlink("h", "/etc/shadow").build()))
        .isInstanceOf(UnsafeArchiveException.class);
  }

  @Test
  void flatten_tooManyEntries_isRefusedAsBomb() throws Exception {
    TarBuilder many = new TarBuilder();
    for (int i = 0; i < 20; i++) {
      many.file("f" + i, "x");
    }
    Image image = TestLayout.open(TestLayout.write(tmp.resolve("l"), List.of(many.build())));
    assertThatThrownBy(
            () -> ImageFilesystem.flatten(image, new ArchiveLimits(1 << 20, 10, 100, 100, 0)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("entries");
  }

  @Test
  void flatten_gzipBomb_isRefusedByRatio() throws Exception {
    byte[] zeros = new byte[4 << 20];
    byte[] tar = new TarBuilder().file("zeros", zeros, 0644).build();
    Image image = TestLayout.open(TestLayout.write(tmp.resolve("l"), List.of(tar)));
    assertThatThrownBy(
            () -> ImageFilesystem.flatten(image, new ArchiveLimits(1L << 40, 100, 100, 50, 1024)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("decompression bomb");
  }

  @Test
  void flatten_totalSizeCap_isRefused() throws Exception {
    byte[] tar = new TarBuilder().file("big", new byte[100_000], 0644).build();
    Image image = TestLayout.open(TestLayout.write(tmp.resolve("l"), List.of(tar), false));
    assertThatThrownBy(
            () -> ImageFilesystem.flatten(image, new ArchiveLimits(50_000, 100, 100, 50, 0)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("more than 50000 bytes");
  }

  @Test
  void flatten_tamperedLayerBlob_isDigestMismatchNamingBoth() throws Exception {
    Path dir = TestLayout.write(tmp.resolve("l"), List.of(new TarBuilder().file("a", "a").build()));
    Image image = TestLayout.open(dir);
    Path blob =
        dir.resolve("blobs/sha256").resolve(image.layers().getFirst().blob().digest().hex());
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 5] ^= 1; // gzip trailer (CRC) byte: content differs, same size
    Files.write(blob, bytes);

    assertThatThrownBy(() -> ImageFilesystem.flatten(image, ArchiveLimits.defaults()))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(image.layers().getFirst().blob().digest().toString());
  }

  @Test
  void flatten_wrongDiffId_isDigestMismatch() throws Exception {
    Path dir = tmp.resolve("l");
    TestLayout.write(dir, List.of(new TarBuilder().file("a", "a").build()));
    Image good = TestLayout.open(dir);
    // Rewrite the config with another diffID, and the manifest and index to match.
    ImageConfig config = good.config();
    ImageConfig bad =
        new ImageConfig(
            "amd64",
            "linux",
            null,
            null,
            null,
            null,
            List.of(TestLayout.sha256(new byte[] {1})),
            List.of());
    byte[] cfg = bad.toJson();
    Descriptor cfgDesc =
        Descriptor.of(MediaTypes.OCI_CONFIG, TestLayout.blob(dir, cfg), cfg.length);
    byte[] manifest =
        new ImageManifest(
                MediaTypes.OCI_MANIFEST,
                null,
                cfgDesc,
                good.manifest().layers(),
                null,
                java.util.Map.of())
            .toJson();
    Descriptor m =
        Descriptor.of(MediaTypes.OCI_MANIFEST, TestLayout.blob(dir, manifest), manifest.length);
    Files.write(
        dir.resolve("index.json"),
        new ImageIndex(null, null, List.of(m), null, java.util.Map.of()).toJson());
    assertThat(config.diffIds()).isNotEqualTo(bad.diffIds());

    Image image = TestLayout.open(dir);
    assertThatThrownBy(() -> ImageFilesystem.flatten(image, ArchiveLimits.defaults()))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("diffID");
  }

  @Test
  void extract_writesTreeInsideRootAndRewritesAbsoluteLinks() throws Exception {
    byte[] base =
        new TarBuilder()
            .dir("etc/")
            .file("etc/passwd", "root")
            .symlink("etc/abs", "/etc/passwd")
            .symlink("rel", "etc/passwd")
            .hardlink("hard", "etc/passwd")
            .file("suid", "s".getBytes(StandardCharsets.UTF_8), 04755)
            .build();
    ImageFilesystem fs = flatten(base);
    Path out = tmp.resolve("out");

    long written = fs.extractTo(out, ImageFilesystem.SpecialFiles.REFUSE);

    assertThat(written).isEqualTo(6);
    assertThat(out.resolve("etc/passwd")).hasContent("root");
    assertThat(Files.readSymbolicLink(out.resolve("etc/abs"))).hasToString("passwd");
    assertThat(out.resolve("rel")).hasContent("root");
    assertThat(out.resolve("hard")).hasContent("root");
    assertThat(Files.getPosixFilePermissions(out.resolve("suid"), LinkOption.NOFOLLOW_LINKS))
        .hasSize(7);
  }

  @Test
  void extract_deviceFile_refusedOrSkipped() throws Exception {
    ImageFilesystem fs =
        flatten(
            new TarBuilder().device("dev/null", '3').device("fifo", '6').file("ok", "k").build());

    assertThat(fs.find("/dev/null").orElseThrow().type()).isEqualTo(FileType.CHAR_DEVICE);
    assertThatThrownBy(() -> fs.extractTo(tmp.resolve("a"), ImageFilesystem.SpecialFiles.REFUSE))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("CHAR_DEVICE");
    fs.extractTo(tmp.resolve("b"), ImageFilesystem.SpecialFiles.SKIP);
    assertThat(tmp.resolve("b/dev/null")).doesNotExist();
    assertThat(tmp.resolve("b/fifo")).doesNotExist();
    assertThat(tmp.resolve("b/ok")).hasContent("k");
  }

  @Test
  void extract_intoNonEmptyDirectory_isRefused() throws Exception {
    ImageFilesystem fs = flatten(new TarBuilder().file("ok", "k").build());
    Files.createDirectories(tmp.resolve("full"));
    Files.writeString(tmp.resolve("full/x"), "x");
    assertThatThrownBy(() -> fs.extractTo(tmp.resolve("full"), ImageFilesystem.SpecialFiles.SKIP))
        .hasMessageContaining("not empty");
  }

  @Test
  void extract_nothingWrittenOutsideRootForHostileLayers() throws IOException {
    Path outside = tmp.resolve("outside");
    byte[] evil = new TarBuilder().symlink("esc", "../outside").file("esc/pwned", "x").build();
    assertThatThrownBy(() -> flatten(evil)).isInstanceOf(UnsafeArchiveException.class);
    assertThat(outside).doesNotExist();
  }
}
