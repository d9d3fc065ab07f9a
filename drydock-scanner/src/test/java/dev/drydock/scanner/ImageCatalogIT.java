package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.DaemonImageReader;
import dev.drydock.oci.DockerSocketArchiveSource;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.Platform;
import dev.drydock.testkit.TestDocker;
import dev.drydock.testkit.VulnerableImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogues real images exported by dockerd: the Debian 12 test image (checked against {@code
 * dpkg-query} run inside it) and an image built on it holding real vulnerable artifacts from Maven
 * Central and npm (downloaded once into the testkit cache, size-capped), one of them deleted again
 * in a later layer.
 */
class ImageCatalogIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private static final System.Logger LOG = System.getLogger(ImageCatalogIT.class.getName());

  @TempDir Path tmp;

  private static DaemonImageReader daemon(Path work) {
    return new DaemonImageReader(
        new DockerSocketArchiveSource(
            Path.of("/var/run/docker.sock"), Duration.ofMinutes(2), 4L << 30),
        work,
        ArchiveLimits.defaults(),
        Platform.of("linux", "amd64"));
  }

  private Catalog catalogue(String image, List<Digest> diffIds) throws Exception {
    try (Image img = daemon(tmp.resolve("export")).open(image)) {
      diffIds.addAll(img.config().diffIds());
      long start = System.nanoTime();
      ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
      Catalog c = new ImageCatalog(Files.createDirectories(tmp.resolve("cat"))).catalogue(fs);
      LOG.log(
          System.Logger.Level.INFO,
          "Catalogued {0}: {1} packages in {2} ms",
          image,
          c.packages().size(),
          (System.nanoTime() - start) / 1_000_000);
      return c;
    }
  }

  @Test
  void debian_dpkgPackages_equalDpkgQueryInside() throws Exception {
    String debian = DOCKER.images().debian();
    String listed =
        DOCKER
            .cli()
            .run(
                "run",
                "--rm",
                "--network",
                "none",
                "--name",
                DOCKER.containerName("dpkg-query"),
                debian,
                "dpkg-query",
                "-W",
                "-f",
                "${Package}\\t${Version}\\t${source:Package}\\n");
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> sources = new TreeMap<>();
    for (String line : listed.strip().split("\n", -1)) {
      String[] f = line.split("\t", -1);
      expected.put(f[0], f[1]);
      sources.put(f[0], f[2]);
    }

    Catalog c = catalogue(debian, new java.util.ArrayList<>());

    assertThat(c.osRelease().orElseThrow().osvEcosystem()).isEqualTo("Debian:12");
    Map<String, String> actual = new TreeMap<>();
    Map<String, String> actualSources = new TreeMap<>();
    for (ImagePackage p : c.by("deb")) {
      actual.put(p.name(), p.version());
      actualSources.put(p.name(), p.sourceName());
    }
    assertThat(expected).hasSizeGreaterThan(80);
    assertThat(actual).isEqualTo(expected);
    assertThat(actualSources).isEqualTo(sources);
    assertThat(c.packages()).allMatch(p -> p.cataloguer().equals("deb"));
    assertThat(c.problems()).isEmpty();
    assertThat(c.by("deb"))
        .allSatisfy(
            p -> assertThat(p.purl()).startsWith("pkg:deb/debian/").contains("distro=debian-12"));
  }

  @Test
  void builtImage_findsPlantedArtifactsWithLayers_andNotTheDeletedJar() throws Exception {
    String tag = new VulnerableImage(DOCKER.images(), DOCKER.cli()).build();
    List<Digest> diffIds = new java.util.ArrayList<>();

    Catalog c = catalogue(tag, diffIds);

    assertThat(diffIds).hasSize(5);
    assertThat(c.by("java-archive"))
        .extracting(p -> p.name() + "@" + p.version() + " " + p.locations().getFirst())
        .containsExactly(
            "org.apache.logging.log4j:log4j-core@2.14.1 /app/lib/log4j-core-2.14.1.jar",
            "org.apache.logging.log4j:log4j-core@2.14.1"
                + " /app/lib/shop.war!/WEB-INF/lib/log4j-core-2.14.1.jar");
    assertThat(c.by("java-archive")).allMatch(p -> p.layer().equals(diffIds.get(1)));
    assertThat(c.packages()).noneMatch(p -> p.name().contains("commons-text"));
    assertThat(c.by("npm"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("lodash");
              assertThat(p.version()).isEqualTo("4.17.15");
              assertThat(p.purl()).isEqualTo("pkg:npm/lodash@4.17.15");
              assertThat(p.layer()).isEqualTo(diffIds.get(3));
              assertThat(p.locations()).containsExactly("/app/node_modules/lodash/package.json");
            });
    assertThat(c.by("deb")).hasSizeGreaterThan(80).allMatch(p -> p.layer().equals(diffIds.get(0)));
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void hostDockerCli_isAGoBinaryWithBuildInfo() throws Exception {
    Path docker = null;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker");
      if (docker == null && Files.isRegularFile(candidate)) {
        docker = candidate.toRealPath();
      }
    }
    assertThat(docker).as("the docker CLI on PATH").isNotNull();

    byte[] block;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(docker))) {
      block = GoBinaryCataloguer.find(in);
    }

    assertThat(block).isNotNull();
    GoBuildInfo info = GoBuildInfo.parse(java.util.Objects.requireNonNull(block));
    assertThat(info).isNotNull();
    assertThat(java.util.Objects.requireNonNull(info).goVersion()).startsWith("go1.");
    assertThat(info.path()).endsWith("/cmd/docker");
  }
}
