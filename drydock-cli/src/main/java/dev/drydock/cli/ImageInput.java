package dev.drydock.cli;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.engine.EngineException;
import dev.drydock.model.Finding;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.DaemonImageReader;
import dev.drydock.oci.DockerArchiveReader;
import dev.drydock.oci.DockerSocketArchiveSource;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageArchiveSource;
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
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The image a command reads and its catalogue, shared by {@code sbom} and {@code scan}: a local
 * daemon image (exported through the Engine API), a registry image, a {@code docker save} archive
 * or an OCI layout directory, classified by {@link ImageArgument}.
 */
final class ImageInput {
  private static final long MAX_EXPORT_BYTES = 64L * 1024 * 1024 * 1024;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      defaultValue = "linux/amd64",
      description = "Platform to pick from a multi-platform image (default: ${DEFAULT-VALUE}).")
  String platform = "linux/amd64";

  @Option(
      names = "--source",
      paramLabel = "KIND",
      description =
          "Where IMAGE is: daemon, registry, archive or layout (default: decided from IMAGE;"
              + " see the docs).")
  @Nullable String source;

  @Option(
      names = "--no-progress",
      description = "Draw no progress bar (it is drawn on terminals only, on standard error).")
  boolean noProgress;

  @Mixin RegistryInput registry = new RegistryInput();

  /**
   * What was read: the catalogue, the SBOM subject describing the image, and the image
   * configuration lint (empty unless asked for).
   */
  record Catalogued(Catalog catalog, SbomSubject subject, List<Finding> lint) {}

  /** {@return the progress display for this command} */
  TerminalProgress progress(Drydock root) {
    return TerminalProgress.forCommand(root, noProgress);
  }

  /** Reads and catalogues {@code image}; the work area is removed afterwards. */
  Catalogued catalogue(String image, EngineOptionsMixin engine, Drydock root)
      throws OciException, ScannerException, PkiException, IOException {
    try (TerminalProgress progress = progress(root)) {
      return catalogue(image, engine, root, false, progress);
    }
  }

  /**
   * Reads and catalogues {@code image}, and lints its configuration when {@code lint}, showing the
   * phases on {@code progress} (which is done when this returns).
   */
  Catalogued catalogue(
      String image,
      EngineOptionsMixin engine,
      Drydock root,
      boolean lint,
      TerminalProgress progress)
      throws OciException, ScannerException, PkiException, IOException {
    CliContext context = root.context();
    String[] osArch = platform.split("/", 2);
    if (osArch.length != 2 || osArch[0].isBlank() || osArch[1].isBlank()) {
      throw new CliException(
          "--platform takes OS/ARCH such as linux/amd64, not '" + platform + "'.",
          FailOn.EXIT_USAGE);
    }
    Platform wanted = Platform.of(osArch[0], osArch[1]);
    String forced = source;
    ImageArgument arg =
        ImageArgument.classify(
            image,
            forced == null ? null : ImageArgument.Kind.parse(forced),
            name -> daemonHas(name, engine, context));
    Path work = Files.createTempDirectory("drydock-image-");
    try {
      ImageSource reader = reader(arg, engine, context, wanted, work, progress);
      String ref =
          switch (arg.kind()) {
            case DAEMON, REGISTRY -> arg.reference();
            case ARCHIVE, LAYOUT -> null;
          };
      try (Image img = reader.open(ref)) {
        long bytes = img.layers().stream().mapToLong(l -> l.blob().size()).sum();
        progress.phase(
            String.format(
                Locale.ROOT,
                "read %d layers (%s)",
                img.layers().size(),
                TerminalProgress.size(bytes)));
        ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
        progress.phase("catalogue packages");
        Catalog catalog =
            new ImageCatalog(Files.createDirectories(work.resolve("catalog"))).catalogue(fs);
        List<Finding> findings =
            lint ? ImageLint.check(arg.reference(), img.config(), fs) : List.<Finding>of();
        progress.done();
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
                arg.reference(),
                img.configDigest(),
                img.manifestDigest(),
                catalog.osRelease().map(OsRelease::id).orElse(null),
                catalog.osRelease().map(OsRelease::versionId).orElse(null),
                img.config().architecture(),
                context.clock(),
                "drydock",
                VersionInfo.load().version());
        return new Catalogued(catalog, subject, findings);
      }
    } finally {
      progress.done();
      deleteTree(work);
    }
  }

  private ImageSource reader(
      ImageArgument arg,
      EngineOptionsMixin engine,
      CliContext context,
      Platform wanted,
      Path work,
      TerminalProgress progress)
      throws PkiException, OciException {
    Path path = Path.of(arg.reference());
    return switch (arg.kind()) {
      case LAYOUT -> {
        if (!Files.isRegularFile(path.resolve("oci-layout"))) {
          throw new CliException(
              arg.reference()
                  + " is not an OCI layout directory (it has no oci-layout file): give an OCI"
                  + " layout directory, a docker save archive or an image name.",
              FailOn.EXIT_USAGE);
        }
        yield new OciLayoutReader(path, wanted);
      }
      case ARCHIVE -> {
        if (!Files.isRegularFile(path)) {
          throw new CliException(
              "No such file: " + arg.reference() + " (--source archive).", FailOn.EXIT_USAGE);
        }
        yield new DockerArchiveReader(
            path, work.resolve("archive"), ArchiveLimits.defaults(), wanted);
      }
      case REGISTRY -> {
        progress.phase("fetch manifest of " + arg.reference());
        yield registry.reader(arg.reference(), context, wanted);
      }
      case DAEMON -> daemon(engine, context, wanted, work, progress);
    };
  }

  private static ImageSource daemon(
      EngineOptionsMixin engine,
      CliContext context,
      Platform wanted,
      Path work,
      TerminalProgress progress)
      throws PkiException {
    EngineEndpoint endpoint = engine.endpoint(context);
    if (!(endpoint instanceof EngineEndpoint.Unix unix)) {
      throw new CliException(
          "drydock exports images from a local daemon over its Unix socket; for "
              + endpoint.address()
              + " run 'docker save IMAGE -o image.tar' and pass image.tar.",
          FailOn.EXIT_USAGE);
    }
    ImageArchiveSource socket =
        new DockerSocketArchiveSource(unix.socket(), Duration.ofMinutes(30), MAX_EXPORT_BYTES);
    ImageArchiveSource watched =
        (name, target) -> {
          progress.phase("export " + name, TerminalProgress.Unit.BYTES);
          try (FileGrowth _ = FileGrowth.watch(target, progress)) {
            socket.export(name, target);
          }
        };
    return new DaemonImageReader(watched, work.resolve("export"), ArchiveLimits.defaults(), wanted);
  }

  /** {@return true when the daemon has an image of this name; false when it cannot say} */
  private static boolean daemonHas(String name, EngineOptionsMixin engine, CliContext context) {
    try {
      EngineClient.create(engine.endpoint(context)).inspectImage(name);
      return true;
    } catch (EngineException | PkiException | RuntimeException e) {
      return false;
    }
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
