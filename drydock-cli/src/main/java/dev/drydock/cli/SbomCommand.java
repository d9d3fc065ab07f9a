package dev.drydock.cli;

import dev.drydock.engine.EngineEndpoint;
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
import dev.drydock.scanner.SbomSubject;
import dev.drydock.scanner.SbomWriter;
import dev.drydock.scanner.ScannerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drydock sbom}: the software bill of materials of an image. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = {
      "Describe what an image contains: OS packages (dpkg, apk, rpm) and language packages (Java"
          + " archives, npm, Python, Go, .NET, Ruby), each with its package URL and the layer that"
          + " added it, as CycloneDX 1.6 or SPDX 2.3 JSON.",
      "IMAGE is a local image name (exported from the Docker daemon), a 'docker save' archive"
          + " (.tar or .tar.gz), or an OCI layout directory."
    },
    footer = {
      "",
      "Examples:",
      "  drydock sbom debian:12                           CycloneDX to standard output",
      "  drydock sbom app.tar --format spdx -o app.spdx.json",
      "  drydock sbom ./oci-layout --platform linux/arm64"
    })
final class SbomCommand implements Callable<Integer> {
  private static final long MAX_EXPORT_BYTES = 64L * 1024 * 1024 * 1024;

  @Mixin GlobalOptions global = new GlobalOptions();
  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();

  @Parameters(paramLabel = "IMAGE", description = "Image name, docker save archive or OCI layout.")
  String image = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "cyclonedx",
      description =
          "cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON); default: ${DEFAULT-VALUE}.")
  String format = "cyclonedx";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the SBOM to FILE (replaced atomically) instead of standard output.")
  @Nullable Path output;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      defaultValue = "linux/amd64",
      description = "Platform to pick from a multi-platform image (default: ${DEFAULT-VALUE}).")
  String platform = "linux/amd64";

  @Override
  public Integer call() throws OciException, ScannerException, PkiException, IOException {
    Drydock root = global.root();
    CliContext context = root.context();
    String fmt = format.strip().toLowerCase(Locale.ROOT);
    if (!fmt.equals("cyclonedx") && !fmt.equals("spdx")) {
      throw new CliException(
          "Unknown --format '" + format + "': use cyclonedx or spdx.", FailOn.EXIT_USAGE);
    }
    String[] osArch = platform.split("/", 2);
    if (osArch.length != 2 || osArch[0].isBlank() || osArch[1].isBlank()) {
      throw new CliException(
          "--platform takes OS/ARCH such as linux/amd64, not '" + platform + "'.",
          FailOn.EXIT_USAGE);
    }
    Platform wanted = Platform.of(osArch[0], osArch[1]);
    Path work = Files.createTempDirectory("drydock-sbom-");
    try {
      ImageSource source = source(context, wanted, work);
      byte[] sbom;
      try (Image img = source.open(isLocalPath() ? null : image)) {
        ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
        Catalog catalog =
            new ImageCatalog(Files.createDirectories(work.resolve("catalog"))).catalogue(fs);
        for (String problem : catalog.problems().stream().limit(20).toList()) {
          if (!root.quiet()) {
            context.err().println("drydock: skipped: " + problem);
          }
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
        sbom =
            fmt.equals("spdx")
                ? SbomWriter.spdx(subject, catalog.packages())
                : SbomWriter.cycloneDx(subject, catalog.packages());
        if (!root.quiet()) {
          context
              .err()
              .printf(
                  Locale.ROOT,
                  "drydock: %d packages in %s (%s)%n",
                  catalog.packages().size(),
                  image,
                  catalog.osRelease().map(OsRelease::prettyName).orElse("no OS detected"));
        }
      }
      Path out = output;
      if (out == null || out.toString().equals("-")) {
        context.out().print(new String(sbom, StandardCharsets.UTF_8));
        context.out().flush();
      } else {
        ReportOutput.write(out, new String(sbom, StandardCharsets.UTF_8));
      }
      return FailOn.EXIT_OK;
    } finally {
      deleteTree(work);
    }
  }

  private boolean isLocalPath() {
    return Files.exists(Path.of(image));
  }

  private ImageSource source(CliContext context, Platform wanted, Path work) throws PkiException {
    Path path = Path.of(image);
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
          "drydock sbom exports images from a local daemon over its Unix socket; for "
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
