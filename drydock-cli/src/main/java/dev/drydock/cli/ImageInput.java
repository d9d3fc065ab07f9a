package dev.drydock.cli;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.DaemonImageReader;
import dev.drydock.oci.DockerArchiveReader;
import dev.drydock.oci.DockerSocketArchiveSource;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.ImageSource;
import dev.drydock.oci.OciException;
import dev.drydock.oci.OciLayoutReader;
import dev.drydock.oci.Platform;
import dev.drydock.pkg.OsRelease;
import dev.drydock.pki.PkiException;
import dev.drydock.report.FailOn;
import dev.drydock.scanner.Catalog;
import dev.drydock.scanner.ImageCatalog;
import dev.drydock.scanner.ImageLint;
import dev.drydock.scanner.SbomSubject;
import dev.drydock.scanner.ScannerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The image a command reads (a local image name exported from the daemon, a {@code docker save}
 * archive, or an OCI layout directory) and its catalogue, shared by {@code sbom} and {@code scan}.
 */
final class ImageInput {
  private static final long MAX_EXPORT_BYTES = 64L * 1024 * 1024 * 1024;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      defaultValue = "linux/amd64",
      description = "Platform to pick from a multi-platform image (default: ${DEFAULT-VALUE}).")
  String platform = "linux/amd64";

  /**
   * What was read: the catalogue, the SBOM subject describing the image, and the image
   * configuration lint (empty unless asked for).
   */
  record Catalogued(Catalog catalog, SbomSubject subject, List<Finding> lint) {}

  /** Reads and catalogues {@code image}; the work area is removed afterwards. */
  Catalogued catalogue(String image, EngineOptionsMixin engine, Drydock root)
      throws OciException, ScannerException, PkiException, IOException {
    return catalogue(image, engine, root, false);
  }

  /** Reads and catalogues {@code image}, and lints its configuration when {@code lint}. */
  Catalogued catalogue(String image, EngineOptionsMixin engine, Drydock root, boolean lint)
      throws OciException, ScannerException, PkiException, IOException {
    CliContext context = root.context();
    String[] osArch = platform.split("/", 2);
    if (osArch.length != 2 || osArch[0].isBlank() || osArch[1].isBlank()) {
      throw new CliException(
          "--platform takes OS/ARCH such as linux/amd64, not '" + platform + "'.",
          FailOn.EXIT_USAGE);
    }
    Platform wanted = Platform.of(osArch[0], osArch[1]);
    Path work = Files.createTempDirectory("drydock-image-");
    try {
      Path path = Path.of(image);
      ImageSource source = source(image, path, engine, context, wanted, work);
      try (Image img = source.open(Files.exists(path) ? null : image)) {
        ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
        Catalog catalog =
            new ImageCatalog(Files.createDirectories(work.resolve("catalog"))).catalogue(fs);
        if (!root.quiet()) {
          for (String problem : catalog.problems().stream().limit(20).toList()) {
            context.err().println("drydock: skipped: " + problem);
          }
          context
              .err()
              .printf(
                  Locale.ROOT,
                  "drydock: %d packages in %s (%s)%n",
                  catalog.packages().size(),
                  image,
                  catalog.osRelease().map(OsRelease::prettyName).orElse("no OS detected"));
          context.err().flush();
        }
        SbomSubject subject =
            SbomSubject.of(
                image,
                img.configDigest(),
                img.manifestDigest(),
                catalog.osRelease().map(OsRelease::id).orElse(null),
                catalog.osRelease().map(OsRelease::versionId).orElse(null),
                img.config().architecture(),
                context.clock(),
                "drydock",
                VersionInfo.load().version());
        List<Finding> findings =
            lint ? ImageLint.check(image, img.config(), fs) : List.<Finding>of();
        return new Catalogued(catalog, subject, findings);
      }
    } finally {
      deleteTree(work);
    }
  }

  private static ImageSource source(
      String image,
      Path path,
      EngineOptionsMixin engine,
      CliContext context,
      Platform wanted,
      Path work)
      throws PkiException {
    if (Files.isDirectory(path)) {
      if (!Files.isRegularFile(path.resolve("oci-layout"))) {
        throw new CliException(
            image
                + " is a directory without an oci-layout file: give an OCI layout directory,"
                + " a docker save archive or an image name.",
            FailOn.EXIT_USAGE);
      }
      return new OciLayoutReader(path, wanted);
    }
    if (Files.isRegularFile(path)) {
      return new DockerArchiveReader(
          path, work.resolve("archive"), ArchiveLimits.defaults(), wanted);
    }
    EngineEndpoint endpoint = engine.endpoint(context);
    if (!(endpoint instanceof EngineEndpoint.Unix unix)) {
      throw new CliException(
          "drydock exports images from a local daemon over its Unix socket; for "
              + endpoint.address()
              + " run 'docker save IMAGE -o image.tar' and pass image.tar.",
          FailOn.EXIT_USAGE);
    }
    return new DaemonImageReader(
        new DockerSocketArchiveSource(unix.socket(), Duration.ofMinutes(30), MAX_EXPORT_BYTES),
        work.resolve("export"),
        ArchiveLimits.defaults(),
        wanted);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the work area " + dir, e);
    }
  }
}
