package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testkit.TestDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads {@code tar+zstd} layers written by a real peer: skopeo recompresses the busybox test image
 * with zstd into an OCI layout directory and an OCI archive, and both flatten to the same files as
 * the daemon's own export.
 */
class ZstdLayersIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private static final Platform AMD64 = Platform.of("linux", "amd64");

  @TempDir Path tmp;

  private static void skopeo(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "copy", "-q"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static List<String> files(Image image) throws OciException {
    return ImageFilesystem.flatten(image, ArchiveLimits.defaults()).files().stream()
        .map(f -> f.path() + " " + f.size())
        .sorted()
        .toList();
  }

  @Test
  void skopeoZstdLayoutAndArchive_flattenLikeTheDaemonExport() throws Exception {
    String busybox = DOCKER.images().busybox();
    Path layout = tmp.resolve("layout");
    Path archive = tmp.resolve("bb-oci.tar");
    skopeo("--dest-compress-format", "zstd", "docker-daemon:" + busybox, "oci:" + layout + ":bb");
    skopeo(
        "--dest-compress-format",
        "zstd",
        "docker-daemon:" + busybox,
        "oci-archive:" + archive + ":bb");

    List<String> expected;
    try (Image daemon =
        new DaemonImageReader(
                new DockerSocketArchiveSource(
                    Path.of("/var/run/docker.sock"), Duration.ofMinutes(2), 1L << 30),
                Files.createDirectories(tmp.resolve("work")),
                ArchiveLimits.defaults(),
                AMD64)
            .open(busybox)) {
      expected = files(daemon);
    }
    try (Image image = new OciLayoutReader(layout, AMD64).open("bb")) {
      assertThat(image.layers())
          .extracting(l -> l.blob().mediaType())
          .containsOnly(MediaTypes.OCI_LAYER_ZSTD);
      assertThat(files(image)).isEqualTo(expected).isNotEmpty();
      assertThat(
              ImageFilesystem.flatten(image, ArchiveLimits.defaults())
                  .readFile("/etc/passwd", 1 << 16))
          .asString(StandardCharsets.UTF_8)
          .startsWith("root:");
    }
    try (Image image =
        new DockerArchiveReader(archive, tmp, ArchiveLimits.defaults(), AMD64).open("bb")) {
      assertThat(files(image)).isEqualTo(expected);
    }
  }
}
