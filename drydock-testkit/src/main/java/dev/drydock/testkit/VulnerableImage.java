package dev.drydock.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Debian 12 test image with real vulnerable artifacts planted in it, for end-to-end scan tests.
 * Built once per machine (cached by its label, like {@link TestImages}) under the build lock:
 *
 * <ol>
 *   <li>layer 0: {@link TestImages#DEBIAN} (debootstrap minbase);
 *   <li>layer 1: {@code /app/lib/log4j-core-2.14.1.jar}, {@code /app/lib/commons-text-1.9.jar}
 *       (Maven Central) and {@code /app/lib/shop.war} holding {@code
 *       WEB-INF/lib/log4j-core-2.14.1.jar};
 *   <li>layer 2: lodash 4.17.15 (npm) unpacked under {@code /app/node_modules/package};
 *   <li>layer 3: renamed to {@code /app/node_modules/lodash};
 *   <li>layer 4: {@code /app/lib/commons-text-1.9.jar} deleted again (a whiteout), so a scanner
 *       must not report it.
 * </ol>
 *
 * <p>The artifacts are downloaded by the test setup, not committed: once into the testkit cache
 * ({@code artifacts/}), each capped at {@value #MAX_DOWNLOAD} bytes and checked against a pinned
 * SHA-256 before use.
 */
public final class VulnerableImage {
  /** The image's tag. */
  public static final String TAG = "drydock-test/vulnerable:1";

  /** Where the Java archives are in the image. */
  public static final String LIB = "/app/lib/";

  /** The deleted jar's path, which must not be reported. */
  public static final String DELETED = LIB + "commons-text-1.9.jar";

  static final String KEY = "vulnerable-1";
  private static final long MAX_DOWNLOAD = 8L << 20;
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);
  private static final String CENTRAL = "https://repo1.maven.org/maven2/";
  private static final System.Logger LOG = System.getLogger(VulnerableImage.class.getName());

  /**
   * A downloaded artifact.
   *
   * @param url where it comes from
   * @param sha256 its pinned SHA-256 (hex)
   */
  public record Artifact(String url, String sha256) {
    /** Validates. */
    public Artifact {
      Objects.requireNonNull(url, "url");
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a SHA-256: " + sha256);
      }
    }

    /** {@return the file name: the URL's last path segment} */
    public String fileName() {
      return url.substring(url.lastIndexOf('/') + 1);
    }
  }

  /** log4j-core 2.14.1 (Log4Shell, CVE-2021-44228 and CVE-2021-45046). */
  public static final Artifact LOG4J_CORE =
      new Artifact(
          CENTRAL + "org/apache/logging/log4j/log4j-core/2.14.1/log4j-core-2.14.1.jar",
          "ade7402a70667a727635d5c4c29495f4ff96f061f12539763f6f123973b465b0");

  /** commons-text 1.9 (Text4Shell, CVE-2022-42889); deleted again in the last layer. */
  public static final Artifact COMMONS_TEXT =
      new Artifact(
          CENTRAL + "org/apache/commons/commons-text/1.9/commons-text-1.9.jar",
          "0812f284ac5dd0d617461d9a2ab6ac6811137f25122dfffd4788a4871e732d00");

  /** lodash 4.17.15 (CVE-2020-8203, CVE-2021-23337). */
  public static final Artifact LODASH =
      new Artifact(
          "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
          "541c2fe70b322dcaaf2df79e7c6117ca2ca392e9dc15a2cd6c4b3f5cebefcc0d");

  /** Every planted artifact. */
  public static final List<Artifact> ARTIFACTS = List.of(LOG4J_CORE, COMMONS_TEXT, LODASH);

  private final TestImages images;
  private final DockerCli cli;

  /**
   * @param images the test images (from {@link TestDocker#images()})
   * @param cli the docker CLI (from {@link TestDocker#cli()})
   */
  public VulnerableImage(TestImages images, DockerCli cli) {
    this.images = Objects.requireNonNull(images, "images");
    this.cli = Objects.requireNonNull(cli, "cli");
  }

  /**
   * Makes sure {@link #TAG} exists, building it (and the Debian base) when it does not.
   *
   * @return {@link #TAG}
   * @throws TestkitException when a download, its checksum or the build fails
   */
  public String build() throws TestkitException {
    if (isBuilt()) {
      return TAG;
    }
    images.debian(); // takes the build lock itself, so before ours
    Path cache = images.cacheDir();
    try (ImageLock _ = ImageLock.acquire(cache)) {
      if (isBuilt()) {
        return TAG; // another JVM built it while we waited
      }
      Path artifacts = Files.createDirectories(cache.resolve("artifacts"));
      Path ctx = Files.createTempDirectory(cache, "vulnerable-");
      try {
        long start = System.nanoTime();
        for (Artifact a : ARTIFACTS) {
          Files.copy(download(a, artifacts), ctx.resolve(a.fileName()));
        }
        Files.write(
            ctx.resolve("shop.war"), war(Files.readAllBytes(ctx.resolve("log4j-core-2.14.1.jar"))));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile(), StandardCharsets.UTF_8);
        images.build(ctx, TAG);
        LOG.log(Level.INFO, "Built {0} in {1} ms", TAG, (System.nanoTime() - start) / 1_000_000);
      } finally {
        Rootfs.remove(ctx, cli.commands());
      }
      return TAG;
    } catch (IOException e) {
      throw new CommandFailedException(
          List.of("docker", "build", TAG), "an I/O error occurred: " + e, e);
    }
  }

  static String dockerfile() {
    return "FROM "
        + TestImages.DEBIAN
        + "\n"
        + "COPY log4j-core-2.14.1.jar commons-text-1.9.jar shop.war "
        + LIB
        + "\n"
        + "ADD lodash-4.17.15.tgz /app/node_modules/\n"
        + "RUN mv /app/node_modules/package /app/node_modules/lodash\n"
        + "RUN rm "
        + DELETED
        + "\n"
        + "LABEL "
        + TestImages.KEY_LABEL
        + "="
        + KEY
        + "\n";
  }

  private boolean isBuilt() throws CommandFailedException {
    CommandResult result =
        cli.tryRun(
            DockerCli.DEFAULT_TIMEOUT,
            List.of(
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"" + TestImages.KEY_LABEL + "\"}}",
                TAG));
    return result.succeeded() && result.stdout().strip().equals(KEY);
  }

  /** A war holding the jar under WEB-INF/lib, as an application server deploys it. */
  static byte[] war(byte[] jar) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buf)) {
      ZipEntry web = new ZipEntry("WEB-INF/web.xml");
      web.setTime(1_700_000_000_000L);
      zip.putNextEntry(web);
      zip.write("<web-app/>".getBytes(StandardCharsets.UTF_8));
      ZipEntry lib = new ZipEntry("WEB-INF/lib/log4j-core-2.14.1.jar");
      lib.setTime(1_700_000_000_000L);
      zip.putNextEntry(lib);
      zip.write(jar);
    }
    return buf.toByteArray();
  }

  /**
   * Downloads an artifact once into {@code dir} (at most {@link #MAX_DOWNLOAD} bytes, with
   * timeouts) and checks its pinned SHA-256; later calls reuse the verified file.
   */
  static Path download(Artifact artifact, Path dir) throws IOException, TestkitException {
    Path file = dir.resolve(artifact.fileName());
    if (Files.isRegularFile(file) && sha256(Files.readAllBytes(file)).equals(artifact.sha256())) {
      return file;
    }
    List<String> what = List.of("GET", artifact.url());
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    byte[] body;
    int status;
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(artifact.url())).timeout(DOWNLOAD_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      try (InputStream in = response.body()) {
        body = in.readNBytes((int) MAX_DOWNLOAD + 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(what, "interrupted", e);
    }
    if (status != 200 || body.length == 0 || body.length > MAX_DOWNLOAD) {
      throw new CommandFailedException(
          what,
          -1,
          "",
          "HTTP "
              + status
              + " with "
              + body.length
              + " bytes; expected 200 with 1 to "
              + MAX_DOWNLOAD
              + " bytes");
    }
    String actual = sha256(body);
    if (!actual.equals(artifact.sha256())) {
      throw new CommandFailedException(
          what, -1, "", "SHA-256 is " + actual + ", pinned " + artifact.sha256() + "; refusing it");
    }
    Path part = Files.createTempFile(dir, "dl-", ".part");
    try {
      Files.write(part, body);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
    return file;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
