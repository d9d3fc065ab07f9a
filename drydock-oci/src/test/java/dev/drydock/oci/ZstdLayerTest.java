package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tar+zstd} layers, compressed by the real {@code zstd} command line tool. */
class ZstdLayerTest {
  @TempDir Path tmp;

  /** Compresses with the zstd CLI, so that the bytes are what real tools write. */
  static byte[] zstd(byte[] data, String... options) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("zstd", "-q", "-c"));
    cmd.addAll(Arrays.asList(options));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream stdin = p.getOutputStream()) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (stdin) {
                  stdin.write(data);
                } catch (IOException ignored) {
                  // zstd failed; the exit code says so
                }
              });
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      return out;
    }
  }

  /** Writes an OCI layout whose single layer is {@code blob}, declared as tar+zstd. */
  private Image layout(byte[] tar, byte[] blob) throws IOException, OciException {
    Path dir = Files.createDirectories(tmp.resolve("layout"));
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Descriptor layer =
        Descriptor.of(MediaTypes.OCI_LAYER_ZSTD, TestLayout.blob(dir, blob), blob.length);
    ImageConfig config =
        new ImageConfig(
            "amd64", "linux", null, null, null, null, List.of(TestLayout.sha256(tar)), List.of());
    byte[] configBytes = config.toJson();
    Descriptor configDesc =
        Descriptor.of(MediaTypes.OCI_CONFIG, TestLayout.blob(dir, configBytes), configBytes.length);
    byte[] manifest =
        new ImageManifest(MediaTypes.OCI_MANIFEST, null, configDesc, List.of(layer), null, Map.of())
            .toJson();
    Descriptor manifestDesc =
        Descriptor.of(MediaTypes.OCI_MANIFEST, TestLayout.blob(dir, manifest), manifest.length);
    Files.write(
        dir.resolve("index.json"),
        new ImageIndex(null, null, List.of(manifestDesc), null, Map.of()).toJson());
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return TestLayout.open(dir);
  }

  private static byte[] sampleTar() {
    return new TarBuilder()
        .dir("etc/")
        .file("etc/os-release", "ID=zstdtest\n")
        .file(
            "usr/lib/big", "0123456789abcdef".repeat(40_000).getBytes(StandardCharsets.UTF_8), 0644)
        .build();
  }

  @Test
  void zstdCliLayer_flattensLikeTheTar() throws Exception {
    byte[] tar = sampleTar();
    byte[] blob = zstd(tar, "-19");

    try (Image image = layout(tar, blob)) {
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());

      assertThat(blob.length).isLessThan(tar.length / 10);
      assertThat(TestLayout.text(fs.readFile("/etc/os-release", 100))).isEqualTo("ID=zstdtest\n");
      assertThat(fs.find("/usr/lib/big").orElseThrow().size()).isEqualTo(640_000);
      assertThat(fs.find("/usr/lib/big").orElseThrow().diffId()).isEqualTo(TestLayout.sha256(tar));
    }
  }

  @Test
  void severalFramesAndChecksums_areReadAsOneStream() throws Exception {
    byte[] tar = sampleTar();
    int half = tar.length / 2;
    byte[] first = zstd(Arrays.copyOfRange(tar, 0, half), "--check");
    byte[] second = zstd(Arrays.copyOfRange(tar, half, tar.length), "--no-check", "-1");
    byte[] blob = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, blob, first.length, second.length);

    try (Image image = layout(tar, blob)) {
      assertThat(ImageFilesystem.flatten(image, ArchiveLimits.defaults()).find("/etc/os-release"))
          .isPresent();
    }
  }

  @Test
  void zstdBomb_isRefusedByRatio() throws Exception {
    byte[] tar = new TarBuilder().file("zeros", new byte[16 << 20], 0644).build();
    byte[] blob = zstd(tar);

    try (Image image = layout(tar, blob)) {
      assertThat(blob.length).isLessThan(4096);
      assertThatThrownBy(
              () -> ImageFilesystem.flatten(image, new ArchiveLimits(1L << 40, 100, 100, 50, 1024)))
          .isInstanceOf(UnsafeArchiveException.class)
          .hasMessageContaining("decompression bomb");
    }
  }

  @Test
  void zstdLayer_totalSizeCap_isRefused() throws Exception {
    byte[] tar = new TarBuilder().file("big", new byte[200_000], 0644).build();
    try (Image image = layout(tar, zstd(tar))) {
      assertThatThrownBy(
              () -> ImageFilesystem.flatten(image, new ArchiveLimits(50_000, 100, 100, 1 << 20, 0)))
          .isInstanceOf(UnsafeArchiveException.class)
          .hasMessageContaining("more than 50000 bytes");
    }
  }

  @Test
  void corruptZstd_isRefusedNamingTheLayer() throws Exception {
    byte[] tar = sampleTar();
    byte[] blob = zstd(tar);
    blob[blob.length / 2] ^= 0x55;

    try (Image image = layout(tar, blob)) {
      assertThatThrownBy(() -> ImageFilesystem.flatten(image, ArchiveLimits.defaults()))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("layer 0");
    }
  }

  @Test
  void truncatedZstd_isAnErrorNotAShortLayer() throws Exception {
    byte[] blob = zstd(sampleTar());
    byte[] cut = Arrays.copyOf(blob, blob.length - 10);

    assertThatThrownBy(() -> drain(cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid zstd stream");
  }

  @Test
  void hugeWindow_isRefusedWithoutAllocatingIt() throws Exception {
    byte[] data = new byte[1 << 20];
    new java.util.Random(7).nextBytes(data);
    // --long=30 writes a frame that declares a 1 GiB window, over the 128 MiB decoder cap.
    byte[] blob = zstd(data, "--long=30", "--zstd=wlog=30");

    assertThatThrownBy(() -> drain(blob))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid zstd stream");
  }

  @Test
  void zstdStream_readAfterEndAndClose_isEndOfStream() throws Exception {
    byte[] blob = zstd("hello".getBytes(StandardCharsets.UTF_8));
    try (InputStream in = ZstdStream.open(new ByteArrayInputStream(blob), "t")) {
      assertThat(in.read()).isEqualTo('h');
      assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("ello");
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.available()).isZero();
    }
  }

  private static void drain(byte[] blob) throws IOException, OciException {
    Budget budget = new Budget(ArchiveLimits.defaults(), "t");
    try (InputStream in = LayerStreams.uncompressed(new ByteArrayInputStream(blob), "t", budget)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  @Test
  void digestOfBlob_isStillCheckedForZstdLayers() throws Exception {
    byte[] tar = sampleTar();
    byte[] blob = zstd(tar);
    try (Image image = layout(tar, blob)) {
      Digest declared = image.layers().getFirst().blob().digest();
      Path file = tmp.resolve("layout/blobs/sha256").resolve(declared.hex());
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length - 1] ^= 1; // checksum byte: the frame no longer matches its content
      Files.write(file, bytes);
      assertThatThrownBy(() -> ImageFilesystem.flatten(image, ArchiveLimits.defaults()))
          .isInstanceOf(DigestMismatchException.class);
    }
  }
}
