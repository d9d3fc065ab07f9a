package dev.drydock.audit;

import dev.drydock.bench.Bench;
import dev.drydock.bench.BenchException;
import dev.drydock.bench.BenchOptions;
import dev.drydock.bench.HostInventory;
import dev.drydock.bench.HostPatchStatus;
import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerSummary;
import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineException;
import dev.drydock.engine.EngineNotFoundException;
import dev.drydock.engine.ImageDetails;
import dev.drydock.engine.ImageSummary;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.pkg.InstalledPackage;
import dev.drydock.scanner.DbMetadata;
import dev.drydock.scanner.ImagePackage;
import dev.drydock.scanner.PackageQuery;
import dev.drydock.scanner.VulnDb;
import dev.drydock.scanner.VulnDbException;
import dev.drydock.scanner.VulnMatch;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * {@code drydock audit}: runs the CIS benchmark and the host patch status, scans the images, checks
 * their signatures, and joins it all per container. A part that cannot run is recorded as {@link
 * Skipped} and the rest still runs; only an unreachable daemon stops the audit.
 */
public final class Audit {
  private final EngineClient engine;
  private final AuditOptions options;
  private final AuditProgress progress;
  private final List<Skipped> skipped = Collections.synchronizedList(new ArrayList<>());

  private Audit(EngineClient engine, AuditOptions options, AuditProgress progress) {
    this.engine = engine;
    this.options = options;
    this.progress = progress;
  }

  /**
   * Runs an audit.
   *
   * @throws AuditException when the daemon cannot be reached or listed
   * @throws InterruptedException when interrupted while images are scanned
   */
  public static AuditResult run(EngineClient engine, AuditOptions options, AuditProgress progress)
      throws AuditException, InterruptedException {
    return new Audit(engine, options, progress).run();
  }

  private AuditResult run() throws AuditException, InterruptedException {
    Instant started = options.clock().instant();
    try {
      engine.ping();
    } catch (EngineException e) {
      throw new AuditException(
          "Cannot reach the Docker engine at "
              + engine.endpoint().address()
              + ": "
              + e.getMessage(),
          e);
    }
    // The benchmark and the host's packages do not depend on the images: they run beside the scans.
    try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        Db db = Db.open(options, skipped)) {
      Future<Report> benchFuture = background.submit(() -> bench(started));
      Future<HostFacts> hostFuture = background.submit(() -> hostFacts(started));
      List<ContainerDetails> containers = containers();
      List<ImageResult> images = images(containers, db.db());
      progress.phase("CIS benchmark", 0);
      Report bench = await(benchFuture);
      progress.phase("host patch status", 0);
      HostFacts host = await(hostFuture);
      List<Finding> hostVulns = hostVulnerabilities(host, db.db());
      Map<String, ImageResult> byId = new LinkedHashMap<>();
      images.forEach(i -> byId.put(i.id(), i));
      progress.phase("joining", containers.size());
      List<ContainerRisk> ranked =
          ContainerJoin.join(
              containers,
              bench.findings(),
              byId,
              options.trust() == null
                  ? SignatureStatus.notChecked("no trust policy is configured")
                  : new SignatureStatus(
                      SignatureStatus.State.UNSIGNED, "its image was not scanned"));
      progress.phase("done", 0);
      TrustCheck trust = options.trust();
      return new AuditResult(
          options.toolVersion(),
          engine.endpoint().address(),
          started,
          options.clock().instant(),
          options.inUse(),
          bench,
          host.report(),
          hostVulns,
          images,
          ranked,
          List.copyOf(skipped),
          db.description(),
          trust == null ? "" : trust.source());
    }
  }

  private static <T> T await(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("an audit part failed unexpectedly", e.getCause());
    }
  }

  private Report bench(Instant started) {
    try {
      Bench b = Bench.create(engine, BenchOptions.all().withRoot(options.hostRoot()));
      return b.run(options.toolVersion(), options.clock());
    } catch (BenchException | RuntimeException e) {
      skipped.add(
          new Skipped(
              "CIS benchmark",
              "the benchmark could not run: " + e.getMessage(),
              "run 'drydock bench' to see the error in full"));
      return empty("bench", started);
    }
  }

  private Report empty(String tool, Instant started) {
    return new Report(
        tool, options.toolVersion(), engine.endpoint().address(), started, started, List.of());
  }

  /** The host's patch status report and its installed packages. */
  private record HostFacts(Report report, List<HostCache.Query> packages) {}

  private HostFacts hostFacts(Instant started) {
    HostCache cache = new HostCache(options.dataDir().resolve("cache"));
    String key = HostCache.key(options.hostRoot(), options.runningKernel(), options.toolVersion());
    var cached = cache.get(key);
    if (cached.isPresent()) {
      Instant t = options.clock().instant();
      return new HostFacts(
          new Report(
              "host",
              options.toolVersion(),
              options.hostRoot().toString(),
              t,
              t,
              cached.get().findings()),
          cached.get().packages());
    }
    HostInventory inventory;
    try {
      inventory = HostPatchStatus.collect(options.hostRoot(), options.runningKernel());
    } catch (BenchException | RuntimeException e) {
      skipped.add(
          new Skipped(
              "host patch status",
              "the host's packages could not be read: " + e.getMessage(),
              "run 'drydock host' to see the error in full"));
      return new HostFacts(empty("host", started), List.of());
    }
    Instant t = options.clock().instant();
    Report report = HostPatchStatus.report(inventory, options.toolVersion(), t, t);
    List<HostCache.Query> packages = new ArrayList<>();
    for (InstalledPackage p : inventory.packages().packages()) {
      packages.add(new HostCache.Query(p.ecosystem(), PackageQuery.of(p)));
    }
    try {
      cache.put(key, new HostCache.Entry(report.findings(), packages));
    } catch (IOException e) {
      // Only the next audit is slower.
    }
    return new HostFacts(report, packages);
  }

  private List<Finding> hostVulnerabilities(HostFacts host, @Nullable VulnDb db) {
    List<Finding> vulns = new ArrayList<>();
    if (db == null) {
      return vulns;
    }
    for (HostCache.Query q : host.packages()) {
      try {
        for (VulnMatch m : db.match(q.query())) {
          vulns.add(VulnFindings.of("host", q.query(), q.ecosystem(), m, null, null));
        }
      } catch (VulnDbException e) {
        skipped.add(
            new Skipped(
                "host vulnerabilities", String.valueOf(e.getMessage()), "run 'drydock db update'"));
        break;
      }
    }
    return vulns;
  }

  private List<ContainerDetails> containers() throws AuditException {
    progress.phase("containers", 0);
    List<ContainerDetails> out = new ArrayList<>();
    try {
      for (ContainerSummary s : engine.containers(true)) {
        if (!options.selects(s.name())) {
          continue;
        }
        try {
          out.add(engine.inspectContainer(s.id()));
        } catch (EngineNotFoundException e) {
          // Removed between the list and the inspect: it no longer needs auditing.
        }
      }
    } catch (EngineException e) {
      throw new AuditException("Cannot list the containers: " + e.getMessage(), e);
    }
    return out;
  }

  private List<ImageResult> images(List<ContainerDetails> containers, @Nullable VulnDb db)
      throws AuditException, InterruptedException {
    List<ImageDetails> images = new ArrayList<>();
    try {
      Set<String> ids = new LinkedHashSet<>();
      if (options.inUse() || !options.containerNames().isEmpty()) {
        containers.forEach(c -> ids.add(c.imageId()));
      } else {
        for (ImageSummary s : engine.images()) {
          ids.add(s.id());
        }
      }
      for (String id : ids) {
        try {
          images.add(engine.inspectImage(id));
        } catch (EngineNotFoundException e) {
          // Removed meanwhile.
        }
      }
    } catch (EngineException e) {
      throw new AuditException("Cannot list the images: " + e.getMessage(), e);
    }
    progress.phase("images", images.size());
    Map<String, SignatureStatus> signatures = new LinkedHashMap<>();
    TrustCheck trust = options.trust();
    for (ImageDetails image : images) {
      signatures.put(
          image.id(),
          trust == null
              ? SignatureStatus.notChecked("no trust policy is configured (--policy)")
              : trust.check(image));
    }
    if (options.exportSocket() == null) {
      skipped.add(
          new Skipped(
              "image scans",
              "the daemon at "
                  + engine.endpoint().address()
                  + " is remote: images are exported only over a local Unix socket",
              "run the audit on the Docker host itself"));
      return images.stream().map(i -> unscanned(i, signatures.get(i.id()), "not scanned")).toList();
    }
    ImageScans scans =
        new ImageScans(
            options.exportSocket(),
            new CatalogCache(options.cacheDir(), options.toolVersion()),
            options.parallelism(),
            options.dataDir().resolve("cache").resolve("work"));
    Map<String, ImageResult> results = new LinkedHashMap<>();
    for (ImageScans.Outcome o : scans.run(images, progress)) {
      results.put(o.image().id(), result(o, signatures.get(o.image().id()), db));
    }
    List<ImageResult> ordered = new ArrayList<>();
    for (ImageDetails i : images) {
      ordered.add(results.get(i.id()));
    }
    return ordered;
  }

  private static ImageResult unscanned(ImageDetails i, @Nullable SignatureStatus sig, String why) {
    return new ImageResult(
        i.id(),
        i.repoTags(),
        "",
        0,
        List.of(),
        List.of(),
        VulnSummary.empty(),
        sig == null ? SignatureStatus.notChecked("") : sig,
        false,
        why);
  }

  private ImageResult result(
      ImageScans.Outcome o, @Nullable SignatureStatus sig, @Nullable VulnDb db) {
    ImageDetails i = o.image();
    if (!o.error().isEmpty()) {
      return unscanned(i, sig, o.error());
    }
    String name = i.repoTags().isEmpty() ? ImageResult.shortId(i.id()) : i.repoTags().getFirst();
    List<Finding> vulns = new ArrayList<>();
    Set<String> ecosystems = new TreeSet<>();
    for (ImagePackage p : o.catalog().packages()) {
      ecosystems.add(
          p.ecosystem().contains(":")
              ? p.ecosystem().substring(0, p.ecosystem().indexOf(':'))
              : p.ecosystem());
      if (db == null) {
        continue;
      }
      try {
        for (VulnMatch m : db.match(p.query())) {
          vulns.add(
              VulnFindings.of(
                  "image " + name,
                  p.query(),
                  p.ecosystem(),
                  m,
                  p.layer().toString(),
                  p.locations().isEmpty() ? null : p.locations().getFirst()));
        }
      } catch (VulnDbException e) {
        return unscanned(i, sig, "vulnerability matching failed: " + e.getMessage());
      }
    }
    return new ImageResult(
        i.id(),
        i.repoTags(),
        o.catalog().os(),
        o.catalog().packages().size(),
        List.copyOf(ecosystems),
        vulns,
        VulnSummary.of(vulns),
        sig == null ? SignatureStatus.notChecked("") : sig,
        o.fromCache(),
        null);
  }

  /**
   * The vulnerability database, or none (recorded as skipped) with a description for the report.
   */
  private record Db(@Nullable VulnDb db, String description) implements AutoCloseable {
    static Db open(AuditOptions options, List<Skipped> skipped) {
      try {
        VulnDb db = VulnDb.open(options.dbDir());
        DbMetadata m = db.metadata();
        if (m.isStale(options.clock())) {
          skipped.add(
              new Skipped(
                  "vulnerability database freshness",
                  String.format(
                      Locale.ROOT,
                      "the database is %d days old; newer advisories are missing",
                      m.age(options.clock()).toDays()),
                  "run 'drydock db update'"));
        }
        return new Db(
            db,
            String.format(
                Locale.ROOT,
                "%s: %d advisories, built %s",
                options.dbDir(),
                m.recordCount(),
                m.built()));
      } catch (VulnDbException e) {
        skipped.add(
            new Skipped(
                "vulnerabilities",
                "no vulnerability database in "
                    + options.dbDir()
                    + " ("
                    + e.getMessage()
                    + "): host packages and images were catalogued but not matched",
                "run 'drydock db update' (downloads the OSV advisories), then audit again"));
        return new Db(null, "");
      }
    }

    @Override
    public void close() {
      VulnDb d = db;
      if (d != null) {
        d.close();
      }
    }
  }
}
