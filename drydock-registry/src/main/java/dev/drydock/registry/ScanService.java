package dev.drydock.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.Severity;
import dev.drydock.oci.ArchiveLimits;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.Image;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MediaTypes;
import dev.drydock.oci.OciException;
import dev.drydock.oci.OciLayoutReader;
import dev.drydock.oci.Platform;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import dev.drydock.scanner.Catalog;
import dev.drydock.scanner.ImageCatalog;
import dev.drydock.scanner.ImagePackage;
import dev.drydock.scanner.ScannerException;
import dev.drydock.scanner.VulnDb;
import dev.drydock.scanner.VulnMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Scans pushed images for vulnerabilities in the background, with drydock-scanner's cataloguers and
 * the {@link VulnDb}, reading the layers straight from the registry's {@link BlobStorage}; results
 * go to {@link ScanResults}.
 *
 * <p>Each scan runs on its own virtual thread; at most {@code parallel} run at once, at most {@code
 * maxQueued} digests wait or run (more are dropped and asked for again by the gate's next check),
 * and a digest is never scanned twice at the same time. The scanner reads an OCI layout, so a scan
 * builds a throw-away layout whose blobs are hard links to the stored blobs (copies where the store
 * has no local files or links fail).
 */
public final class ScanService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ScanService.class.getName());

  /** How long a scan submitted at push time waits for the manifest to be stored. */
  static final Duration STORE_WAIT = Duration.ofSeconds(30);

  private static final Set<String> IMAGE_CONFIGS =
      Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG);

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final VulnDbSource db;
  private final ScanResults results;
  private final Path work;
  private final Clock clock;
  private final int maxQueued;
  private final Semaphore running;
  private final Map<Digest, String> inFlight = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Creates the service.
   *
   * @param blobs the registry's blob storage
   * @param metadata the registry's metadata store
   * @param db the vulnerability database
   * @param dataDir where results ({@code scans/}) and scan work files go
   * @param clock stamps results
   * @param parallel how many scans run at once
   * @param maxQueued how many digests may wait or run
   */
  public ScanService(
      BlobStorage blobs,
      MetadataStore metadata,
      VulnDbSource db,
      Path dataDir,
      Clock clock,
      int parallel,
      int maxQueued) {
    if (parallel < 1 || maxQueued < parallel) {
      throw new IllegalArgumentException("need 1 <= parallel <= maxQueued");
    }
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.db = Objects.requireNonNull(db, "db");
    this.results = new ScanResults(dataDir);
    this.work = dataDir.resolve("scans").resolve("work");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxQueued = maxQueued;
    this.running = new Semaphore(parallel);
  }

  /** {@return the stored result of {@code digest}, or null when it was never scanned} */
  @Nullable ScanResult result(Digest digest) throws RegistryException {
    return results.read(digest);
  }

  /** {@return the build time of the current vulnerability database} */
  Instant dbBuilt() throws RegistryException {
    try {
      return db.current().metadata().built();
    } catch (RuntimeException | dev.drydock.scanner.VulnDbException e) {
      throw new RegistryException("cannot open the vulnerability database: " + e.getMessage(), e);
    }
  }

  /** {@return whether {@code digest} is waiting for or being scanned} */
  boolean pending(Digest digest) {
    return inFlight.containsKey(digest);
  }

  /**
   * Asks for a scan of manifest {@code digest} of {@code repository}, unless one is already waiting
   * or running; {@return false when the queue is full}
   */
  public boolean submit(String repository, Digest digest) {
    synchronized (inFlight) {
      if (inFlight.containsKey(digest)) {
        return true;
      }
      if (inFlight.size() >= maxQueued) {
        LOG.log(System.Logger.Level.WARNING, "scan queue full; " + digest + " waits for a retry");
        return false;
      }
      inFlight.put(digest, repository);
    }
    try {
      executor.execute(() -> run(repository, digest));
    } catch (RuntimeException e) {
      done(digest);
      throw e;
    }
    return true;
  }

  /** Waits until no scan waits or runs; {@return whether that happened within {@code timeout}} */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inFlight) {
      while (!inFlight.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(inFlight, left);
      }
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private void done(Digest digest) {
    synchronized (inFlight) {
      inFlight.remove(digest);
      inFlight.notifyAll();
    }
  }

  private void run(String repository, Digest digest) {
    try {
      running.acquire();
      try {
        ManifestRecord record = awaitStored(repository, digest);
        if (record != null) {
          results.write(scan(record));
        }
      } finally {
        running.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RegistryException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "scan of " + repository + "@" + digest + " failed", e);
    } finally {
      done(digest);
    }
  }

  /** A scan asked for at push time starts before the push stored the manifest: wait for it. */
  private @Nullable ManifestRecord awaitStored(String repository, Digest digest)
      throws RegistryException, InterruptedException {
    long sleep = 10;
    long waited = 0;
    while (true) {
      ManifestRecord record = metadata.manifest(repository, digest);
      if (record != null || waited >= STORE_WAIT.toMillis()) {
        return record; // null: the push was refused or failed; nothing to scan
      }
      Thread.sleep(sleep);
      waited += sleep;
      sleep = Math.min(sleep * 2, 500);
    }
  }

  private ScanResult scan(ManifestRecord record) throws RegistryException {
    Digest digest = record.digest();
    VulnDb vulns;
    try {
      vulns = db.current();
    } catch (RuntimeException | dev.drydock.scanner.VulnDbException e) {
      throw new RegistryException("cannot open the vulnerability database: " + e.getMessage(), e);
    }
    Instant built = vulns.metadata().built();
    Path layout = work.resolve(UUID.randomUUID().toString());
    try {
      if (ManifestInfo.INDEX_TYPES.contains(record.mediaType())) {
        // An index is judged by its manifests' results (the gate reads those); none of its own.
        return new ScanResult(digest, null, null, Map.of(), List.of(), built, clock.instant());
      }
      ImageManifest manifest = ImageManifest.parse(read(digest));
      if (!IMAGE_CONFIGS.contains(manifest.config().mediaType())) {
        // An artifact (signature, SBOM, chart), not a container image: nothing to catalogue.
        return new ScanResult(digest, null, null, Map.of(), List.of(), built, clock.instant());
      }
      writeLayout(layout, record, manifest);
      Catalog catalog;
      try (Image image = new OciLayoutReader(layout, Platform.of("linux", "amd64")).open(null)) {
        ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
        catalog = new ImageCatalog(layout.resolve("tmp")).catalogue(fs);
      }
      List<ImagePackage> packages = catalog.packages();
      List<List<VulnMatch>> matches =
          vulns.matchAll(packages.stream().map(ImagePackage::query).toList(), 1, n -> {});
      return summarise(digest, packages, matches, built);
    } catch (OciException | ScannerException | IOException e) {
      LOG.log(System.Logger.Level.WARNING, "scan of " + digest + " failed", e);
      // The reason reaches clients in the gate's refusal: it must not show server paths.
      String reason =
          String.valueOf(e.getMessage())
              .replace("OCI layout " + layout, "the image")
              .replace(work.toString(), "<scan work>");
      return new ScanResult(digest, reason, null, Map.of(), List.of(), built, clock.instant());
    } finally {
      deleteTree(layout);
    }
  }

  private ScanResult summarise(
      Digest digest, List<ImagePackage> packages, List<List<VulnMatch>> matches, Instant built) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    List<ScanResult.Top> all = new ArrayList<>();
    Severity max = null;
    for (int i = 0; i < packages.size(); i++) {
      ImagePackage pkg = packages.get(i);
      for (VulnMatch m : matches.get(i)) {
        counts.merge(m.severity(), 1, Integer::sum);
        if (max == null || m.severity().compareTo(max) > 0) {
          max = m.severity();
        }
        String id =
            m.id().startsWith("CVE-")
                ? m.id()
                : m.aliases().stream().filter(a -> a.startsWith("CVE-")).findFirst().orElse(m.id());
        all.add(new ScanResult.Top(id, m.severity(), pkg.name(), pkg.version(), m.fixedVersion()));
      }
    }
    all.sort(
        Comparator.comparing(ScanResult.Top::severity)
            .reversed()
            .thenComparing(ScanResult.Top::id));
    List<ScanResult.Top> top = all.subList(0, Math.min(ScanResult.TOP, all.size()));
    return new ScanResult(digest, null, max, counts, top, built, clock.instant());
  }

  private byte[] read(Digest digest) throws RegistryException, IOException {
    try (InputStream in = blobs.open(digest, 0)) {
      return in.readAllBytes();
    }
  }

  /** Writes a one-image OCI layout whose blobs are the stored ones. */
  private void writeLayout(Path dir, ManifestRecord record, ImageManifest manifest)
      throws RegistryException, IOException {
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    ObjectNode index = json.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ObjectNode entry = index.putArray("manifests").addObject();
    entry.put("mediaType", record.mediaType());
    entry.put("digest", record.digest().toString());
    entry.put("size", record.size());
    Files.write(dir.resolve("index.json"), json.writeValueAsBytes(index));
    List<Digest> needed = new ArrayList<>();
    needed.add(record.digest());
    needed.add(manifest.config().digest());
    for (Descriptor layer : manifest.layers()) {
      needed.add(layer.digest());
    }
    for (Digest d : needed) {
      Path target = dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
      if (Files.exists(target)) {
        continue;
      }
      Files.createDirectories(target.getParent());
      Path local = blobs.localFile(d);
      if (local != null) {
        try {
          Files.createLink(target, local);
          continue;
        } catch (IOException | UnsupportedOperationException e) {
          // another file system: copy instead
        }
      }
      try (InputStream in = blobs.open(d, 0)) {
        Files.copy(in, target);
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove scan work files " + dir + ": " + e);
    }
  }
}
