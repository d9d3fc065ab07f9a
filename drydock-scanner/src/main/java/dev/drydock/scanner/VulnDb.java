package dev.drydock.scanner;

import dev.drydock.pkg.VersionScheme;
import dev.drydock.pkg.VersionSchemes;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The local OSV vulnerability database under {@code <data>/db/}: one memory-mapped file, {@code
 * osv.ddb}, holding every imported record (as compact OSV JSON) with a sorted index from
 * (ecosystem, package) to records and from id to record. Opening maps the file and reads its
 * header, so it takes milliseconds; a package lookup is a binary search plus parsing the few
 * records found.
 *
 * <p>{@code drydock db update --from URL|PATH} is {@link #importFrom}; {@code drydock db status} is
 * {@link #metadata()} with {@link DbMetadata#isStale}. A scan calls {@link #match} per package.
 *
 * <p>Instances are safe for concurrent lookups; {@link #close()} unmaps the file, after which no
 * lookup may run. An import replaces the file atomically: an open instance keeps reading the old
 * one until it is reopened.
 */
public final class VulnDb implements AutoCloseable {
  /** The database file's name inside the database directory. */
  public static final String FILE_NAME = "osv.ddb";

  private static final int CACHE_RECORDS = 4096;

  private final DbFile file;
  private final DbMetadata metadata;
  private final OsvMatcher matcher;
  private final SeverityResolver severity;

  /**
   * Recently parsed records: a scan asks for the same few hot packages (stdlib, openssl, glibc)
   * across images, and parsing dominates a lookup.
   */
  private final Map<Integer, OsvRecord> cache =
      new LinkedHashMap<>(CACHE_RECORDS, 0.75f, true) {
        @Serial private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, OsvRecord> eldest) {
          return size() > CACHE_RECORDS;
        }
      };

  private VulnDb(DbFile file, DbMetadata metadata, OsvMatcher matcher) {
    this.file = file;
    this.metadata = metadata;
    this.matcher = matcher;
    this.severity = new SeverityResolver(this::getQuietly);
  }

  /**
   * Opens the database in {@code dir} with drydock's version schemes.
   *
   * @throws VulnDbException when there is no database yet, or it is corrupt or of another format
   */
  public static VulnDb open(Path dir) throws VulnDbException {
    return open(dir, VulnDb::defaultScheme);
  }

  /**
   * Opens the database in {@code dir} with the given version schemes (by base ecosystem name).
   *
   * @throws VulnDbException when there is no database yet, or it is corrupt or of another format
   */
  public static VulnDb open(Path dir, Function<String, Optional<VersionScheme>> schemes)
      throws VulnDbException {
    DbFile file = DbFile.open(dir.resolve(FILE_NAME));
    try {
      DbMetadata meta = DbMetadataCodec.read(file.metadataJson(), file.path().toString());
      return new VulnDb(file, meta, new OsvMatcher(schemes));
    } catch (VulnDbException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * Imports a source into the database in {@code dir}, creating it when needed.
   *
   * @return what changed
   * @throws VulnDbException when the source cannot be read or downloaded, goes over a limit, or
   *     another import holds the directory's lock; malformed single records are skipped and counted
   *     in {@link ImportStats#rejected()} instead
   */
  public static ImportStats importFrom(ImportSource source, Path dir, ImportOptions options)
      throws VulnDbException {
    Objects.requireNonNull(source, "source");
    return VulnDbImporter.run(source, dir, options);
  }

  /** {@return when the database was built, its record counts and sources} */
  public DbMetadata metadata() {
    return metadata;
  }

  /**
   * {@return every record, withdrawn ones included, with an {@code affected} entry for this package
   * in this ecosystem (any release: {@code Debian:12} and {@code Debian:11} records both)}
   *
   * @param ecosystem an OSV ecosystem, with or without release
   * @param name the package name as OSV writes it (source name for OS packages)
   */
  public List<OsvRecord> lookup(String ecosystem, String name) throws VulnDbException {
    int[] records = file.postings(Ecosystems.key(ecosystem, name));
    List<OsvRecord> out = new ArrayList<>(records.length);
    for (int r : records) {
      out.add(record(r));
    }
    return out;
  }

  /** {@return the record with this id, if the database has it} */
  public Optional<OsvRecord> get(String id) throws VulnDbException {
    int r = file.recordOfId(id);
    return r < 0 ? Optional.empty() : Optional.of(record(r));
  }

  /**
   * Finds the vulnerabilities affecting a package: records for its (source) name in its ecosystem,
   * evaluated with the OSV rules ({@link OsvMatcher}), merged by alias, rated ({@link
   * SeverityRating}), most severe first.
   */
  public List<VulnMatch> match(PackageQuery pkg) throws VulnDbException {
    List<RecordMatch> matches = new ArrayList<>();
    for (OsvRecord r : lookup(pkg.ecosystem(), pkg.matchName())) {
      matcher.evaluate(r, pkg).ifPresent(matches::add);
    }
    if (matches.isEmpty()) {
      return List.of();
    }
    Comparator<String> order = matcher.scheme(pkg.ecosystem());
    return AliasMerger.merge(matches, pkg, m -> severity.resolve(m.record(), m.affected()), order);
  }

  /**
   * Matches many packages on {@code threads} threads (a large image's catalogue: each lookup is
   * independent and the database allows concurrent readers).
   *
   * @param packages what to match
   * @param threads how many threads to use; 1 matches on the calling thread
   * @param progress told, on the calling thread, how many more packages were matched
   * @return the matches of each package, in the order of {@code packages}
   * @throws VulnDbException when the database cannot be read
   */
  public List<List<VulnMatch>> matchAll(
      List<PackageQuery> packages, int threads, IntConsumer progress) throws VulnDbException {
    return ParallelMatch.matchAll(this, packages, threads, progress);
  }

  /** {@return the matcher this database evaluates records with} */
  public OsvMatcher matcher() {
    return matcher;
  }

  private OsvRecord record(int r) throws VulnDbException {
    synchronized (cache) {
      OsvRecord hit = cache.get(r);
      if (hit != null) {
        return hit;
      }
    }
    OsvRecord parsed = parse(r);
    synchronized (cache) {
      cache.put(r, parsed);
    }
    return parsed;
  }

  private OsvRecord parse(int r) throws VulnDbException {
    byte[] json = file.recordBytes(r);
    try {
      return OsvCodec.parse(json, file.path() + "#" + r);
    } catch (OsvFormatException e) {
      throw new VulnDbException(
          "Vulnerability database "
              + file.path()
              + " holds an unreadable record: delete it and run 'drydock db update'.",
          e);
    }
  }

  private Optional<OsvRecord> getQuietly(String id) {
    try {
      return get(id);
    } catch (VulnDbException e) {
      return Optional.empty();
    }
  }

  /**
   * {@return the version scheme drydock-pkg provides for a base ecosystem, or empty for ecosystems
   * without one (their advisories then match through explicit version lists only)}
   */
  public static Optional<VersionScheme> defaultScheme(String ecosystem) {
    String base = Ecosystems.base(ecosystem);
    return VersionSchemes.supported().contains(base)
        ? Optional.of(VersionSchemes.forEcosystem(base))
        : Optional.empty();
  }

  @Override
  public void close() {
    file.close();
  }
}
