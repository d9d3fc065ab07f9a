package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.DaemonImageReader;
import dev.drydock.oci.DockerSocketArchiveSource;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.Platform;
import dev.drydock.testkit.DockerCli;
import dev.drydock.testkit.TestDocker;
import dev.drydock.testkit.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
  private static final String CENTRAL = "https://repo1.maven.org/maven2/";
  private static final String LOG4J =
      CENTRAL + "org/apache/logging/log4j/log4j-core/2.14.1/log4j-core-2.14.1.jar";
  private static final String COMMONS_TEXT =
      CENTRAL + "org/apache/commons/commons-text/1.9/commons-text-1.9.jar";
  private static final String LODASH = "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz";
  private static final long MAX_DOWNLOAD = 8L << 20;

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
    Path cache = Files.createDirectories(DOCKER.images().cacheDir().resolve("artifacts"));
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Path log4j = download(LOG4J, cache, "9141212b8507ab50a45525b545b39d224614528b");
    Files.copy(log4j, ctx.resolve("log4j-core-2.14.1.jar"));
    Files.copy(
        download(COMMONS_TEXT, cache, "ba6ac8c2807490944a0a27f6f8e68fb5ed2e80e2"),
        ctx.resolve("commons-text-1.9.jar"));
    Files.copy(
        download(LODASH, cache, "b447f6670a0455bbfeedd11392eff330ea097548"),
        ctx.resolve("lodash-4.17.15.tgz"));
    Files.write(ctx.resolve("shop.war"), war(Files.readAllBytes(log4j)));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM "
            + TestImages.DEBIAN
            + "\n"
            + "COPY log4j-core-2.14.1.jar commons-text-1.9.jar shop.war /app/lib/\n"
            + "ADD lodash-4.17.15.tgz /app/node_modules/\n"
            + "RUN mv /app/node_modules/package /app/node_modules/lodash\n"
            + "RUN rm /app/lib/commons-text-1.9.jar\n");
    String tag = "drydock-test/catalog:" + DOCKER.runId();
    try {
      DOCKER.images().build(ctx, tag);
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
      assertThat(c.by("deb"))
          .hasSizeGreaterThan(80)
          .allMatch(p -> p.layer().equals(diffIds.get(0)));
      assertThat(c.problems()).isEmpty();
    } finally {
      DOCKER.cli().tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rmi", "--force", tag));
    }
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

  /** A war holding the jar under WEB-INF/lib, as an app server would deploy it. */
  private static byte[] war(byte[] jar) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buf)) {
      zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
      zip.write("<web-app/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("WEB-INF/lib/log4j-core-2.14.1.jar"));
      zip.write(jar);
    }
    return buf.toByteArray();
  }

  /**
   * Downloads {@code url} once into {@code cache} (at most {@link #MAX_DOWNLOAD} bytes, with
   * timeouts), checking its SHA-1 (Maven Central's {@code .sha1}, npm's {@code dist.shasum}); later
   * runs use the cached file.
   */
  private static Path download(String url, Path cache, String sha1) throws Exception {
    Path file = cache.resolve(url.substring(url.lastIndexOf('/') + 1));
    if (Files.isRegularFile(file) && sha1(file).equals(sha1)) {
      return file;
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (InputStream in = r.body()) {
      body = in.readNBytes((int) MAX_DOWNLOAD + 1);
    }
    assertThat(r.statusCode()).as("GET " + url).isEqualTo(200);
    assertThat(body.length).as("size of " + url).isBetween(1, (int) MAX_DOWNLOAD);
    Path part = Files.createTempFile(cache, "dl-", ".part");
    Files.write(part, body);
    assertThat(sha1(part)).as("SHA-1 of " + url).isEqualTo(sha1);
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static String sha1(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
  }
}
