package dev.drydock.audit;

import dev.drydock.engine.ImageDetails;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.DaemonImageReader;
import dev.drydock.oci.DockerSocketArchiveSource;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.OciException;
import dev.drydock.oci.Platform;
import dev.drydock.pkg.OsRelease;
import dev.drydock.scanner.Catalog;
import dev.drydock.scanner.ImageCatalog;
import dev.drydock.scanner.ScannerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Catalogues images in parallel with a bounded pool, once per distinct layer stack (ChainID), and
 * from the cache when an earlier audit already read that stack.
 */
final class ImageScans {
  private static final long MAX_EXPORT_BYTES = 64L * 1024 * 1024 * 1024;
  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(30);

  /** The catalogue of one image, or why there is none. */
  record Outcome(ImageDetails image, CachedCatalog catalog, boolean fromCache, String error) {}

  private final Path socket;
  private final CatalogCache cache;
  private final int parallelism;
  private final Path workRoot;

  ImageScans(Path socket, CatalogCache cache, int parallelism, Path workRoot) {
    this.socket = socket;
    this.cache = cache;
    this.parallelism = parallelism;
    this.workRoot = workRoot;
  }

  /**
   * Catalogues every image; reports each one to {@code progress} from the calling thread as it
   * completes.
   */
  List<Outcome> run(List<ImageDetails> images, AuditProgress progress) throws InterruptedException {
    Map<String, List<ImageDetails>> byChain = new LinkedHashMap<>();
    for (ImageDetails image : images) {
      byChain
          .computeIfAbsent(CatalogCache.chainId(image.layers()), k -> new ArrayList<>())
          .add(image);
    }
    List<Outcome> out = new ArrayList<>();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism, Thread.ofVirtual().name("audit-scan-", 0).factory())) {
      ExecutorCompletionService<List<Outcome>> done = new ExecutorCompletionService<>(pool);
      List<Future<List<Outcome>>> futures = new ArrayList<>();
      for (Map.Entry<String, List<ImageDetails>> e : byChain.entrySet()) {
        futures.add(done.submit(() -> scanStack(e.getKey(), e.getValue())));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          for (Outcome o : done.take().get()) {
            out.add(o);
            progress.advance(
                o.image().repoTags().isEmpty() ? o.image().id() : o.image().repoTags().getFirst());
          }
        } catch (ExecutionException e) {
          throw new IllegalStateException("an image scan failed unexpectedly", e.getCause());
        }
      }
    }
    return out;
  }

  /** Reads one representative of a layer stack (or the cache) and gives the result to each. */
  private List<Outcome> scanStack(String chainId, List<ImageDetails> images) {
    ImageDetails first = images.getFirst();
    CachedCatalog catalog;
    boolean fromCache;
    String error = "";
    var cached = cache.get(chainId);
    if (cached.isPresent()) {
      catalog = cached.get();
      fromCache = true;
    } else {
      fromCache = false;
      try {
        catalog = read(first);
        cache.put(chainId, catalog);
      } catch (OciException | ScannerException | IOException | RuntimeException e) {
        catalog = new CachedCatalog("", List.of(), List.of());
        error = "cannot read the image: " + e.getMessage();
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (ImageDetails image : images) {
      out.add(new Outcome(image, catalog, fromCache, error));
    }
    return out;
  }

  private CachedCatalog read(ImageDetails image)
      throws OciException, ScannerException, IOException {
    Files.createDirectories(workRoot);
    Path work = Files.createTempDirectory(workRoot, "image-");
    try {
      DaemonImageReader reader =
          new DaemonImageReader(
              new DockerSocketArchiveSource(socket, EXPORT_TIMEOUT, MAX_EXPORT_BYTES),
              work.resolve("export"),
              ArchiveLimits.defaults(),
              Platform.of(
                  image.os().isEmpty() ? "linux" : image.os(),
                  image.architecture().isEmpty() ? "amd64" : image.architecture()));
      try (Image img = reader.open(image.id())) {
        ImageFilesystem fs = ImageFilesystem.flatten(img, ArchiveLimits.defaults());
        Catalog c =
            new ImageCatalog(Files.createDirectories(work.resolve("catalog"))).catalogue(fs);
        return new CachedCatalog(
            c.osRelease().map(OsRelease::prettyName).orElse(""), c.packages(), c.problems());
      }
    } finally {
      deleteTree(work);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the work area " + dir, e);
    }
  }
}
