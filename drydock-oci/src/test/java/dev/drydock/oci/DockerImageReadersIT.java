package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.testkit.DockerCli;
import dev.drydock.testkit.TestDocker;
import dev.drydock.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reads real images exported by dockerd, docker save and skopeo. */
class DockerImageReadersIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private static final Platform AMD64 = Platform.of("linux", "amd64");

  @TempDir Path tmp;

  private static String inspect(String image, String format) throws Exception {
    return DOCKER.cli().run("image", "inspect", "--format", format, image).strip();
  }

  private static DaemonImageReader daemon(Path work) {
    return new DaemonImageReader(
        new DockerSocketArchiveSource(
            Path.of("/var/run/docker.sock"), Duration.ofMinutes(2), 1L << 30),
        work,
        ArchiveLimits.defaults(),
        AMD64);
  }

  @Test
  void daemonExport_busybox_matchesDockerInspect() throws Exception {
    String busybox = DOCKER.images().busybox();
    Path work = tmp.resolve("work");

    try (Image image = daemon(work).open(busybox)) {
      assertThat(image.configDigest().toString()).isEqualTo(inspect(busybox, "{{.Id}}"));
      assertThat(image.config().diffIds())
          .extracting(Digest::toString)
          .containsExactlyElementsOf(
              List.of(inspect(busybox, "{{join .RootFS.Layers \",\"}}").split(",")));
      assertThat(image.manifestDigest()).isNull();
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
      assertThat(fs.find("/bin/busybox")).isPresent();
      assertThat(new String(fs.readFile("/etc/passwd", 1 << 16), StandardCharsets.UTF_8))
          .startsWith("root:");
    }
    try (var files = Files.list(work)) {
      assertThat(files).as("the exported archive is removed on close").isEmpty();
    }
  }

  @Test
  void daemonExport_debian_flattensWithoutRefusalsAndReadsDpkgStatus() throws Exception {
    String debian = DOCKER.images().debian();

    try (Image image = daemon(tmp.resolve("deb")).open(debian)) {
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
      String status =
          new String(fs.readFile("/var/lib/dpkg/status", 16 << 20), StandardCharsets.UTF_8);

      assertThat(status).contains("Package: dpkg");
      assertThat(fs.files()).hasSizeGreaterThan(1000);
      assertThat(fs.find("/var/lib/dpkg/status").orElseThrow().diffId())
          .isEqualTo(image.config().diffIds().getFirst());
      long[] jarsAndSize = new long[1];
      fs.walk((entry, content) -> jarsAndSize[0] += entry.size());
      assertThat(jarsAndSize[0]).isGreaterThan(10_000_000L);
    }
  }

  @Test
  void daemonExport_unknownImage_failsNamingIt() {
    assertThatThrownBy(() -> daemon(tmp).open("drydock-test/no-such-image:0"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("no-such-image");
  }

  @Test
  void dockerSaveCli_plainGzipAndZstd_readLikeDaemon() throws Exception {
    String busybox = DOCKER.images().busybox();
    Path tar = tmp.resolve("bb.tar");
    DOCKER.cli().run("save", "--output", tar.toString(), busybox);
    Path gz = tmp.resolve("bb.tar.gz");
    Files.write(gz, TestLayout.gzip(Files.readAllBytes(tar)));
    // `docker save | zstd`, compressed by the real zstd CLI.
    Path zst = tmp.resolve("bb.tar.zst");
    Process zstd =
        new ProcessBuilder("zstd", "-q", "-o", zst.toString(), tar.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(zstd.waitFor()).as("zstd exit").isZero();

    for (Path archive : List.of(tar, gz, zst)) {
      try (Image image =
          new DockerArchiveReader(archive, tmp, ArchiveLimits.defaults(), AMD64)
              .open("drydock-test/busybox:1")) {
        assertThat(image.configDigest().toString()).isEqualTo(inspect(busybox, "{{.Id}}"));
        assertThat(ImageFilesystem.flatten(image, ArchiveLimits.defaults()).files())
            .hasSizeGreaterThan(10);
      }
    }
    assertThatThrownBy(
            () ->
                new DockerArchiveReader(tar, tmp, ArchiveLimits.defaults(), AMD64).open("other:1"))
        .hasMessageContaining("no image tagged");
  }

  @Test
  void builtImage_fileDeletedInLaterLayer_isAbsentAndLayersAreKnown() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM "
            + TestImages.BUSYBOX
            + "\n"
            + "RUN mkdir -p /opt/app && echo secret > /opt/app/secret && echo keep > /opt/app/keep\n"
            + "RUN rm /opt/app/secret && echo later > /opt/app/later\n");
    String tag = "drydock-test/oci-whiteout:" + DOCKER.runId();
    try {
      DOCKER.images().build(context, tag);
      try (Image image = daemon(tmp.resolve("w")).open(tag)) {
        ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
        List<Digest> diffIds = image.config().diffIds();

        assertThat(diffIds).hasSize(3);
        assertThat(fs.find("/opt/app/secret")).isEmpty();
        assertThat(fs.find("/opt/app/keep").orElseThrow().diffId()).isEqualTo(diffIds.get(1));
        assertThat(fs.find("/opt/app/later").orElseThrow().diffId()).isEqualTo(diffIds.get(2));
        assertThat(fs.find("/bin/busybox").orElseThrow().diffId()).isEqualTo(diffIds.get(0));
        List<String> walked = new ArrayList<>();
        fs.walk((entry, content) -> walked.add(entry.path()));
        assertThat(walked).contains("/opt/app/keep").doesNotContain("/opt/app/secret");
        Path out = tmp.resolve("rootfs");
        fs.extractTo(out, ImageFilesystem.SpecialFiles.SKIP);
        assertThat(out.resolve("opt/app/keep")).hasContent("keep");
        assertThat(out.resolve("opt/app/secret")).doesNotExist();
      }
    } finally {
      DOCKER.cli().tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", "--force", tag));
    }
  }

  @Test
  void skopeoOciLayout_readsSameImage() throws Exception {
    String busybox = DOCKER.images().busybox();
    Path layout = tmp.resolve("layout");
    Process p =
        new ProcessBuilder(
                "skopeo", "copy", "-q", "docker-daemon:" + busybox, "oci:" + layout + ":bb")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue())
        .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();

    try (Image image = new OciLayoutReader(layout, AMD64).open("bb")) {
      assertThat(image.manifest().effectiveMediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(image.manifestDigest()).isNotNull();
      assertThat(image.config().diffIds().getFirst().toString())
          .isEqualTo(inspect(busybox, "{{index .RootFS.Layers 0}}"));
      assertThat(ImageFilesystem.flatten(image, ArchiveLimits.defaults()).find("/bin/sh"))
          .isPresent();
    }
  }
}
