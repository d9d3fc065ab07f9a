package dev.drydock.scanner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code drydock db status} shows: when the database was last updated, how fresh its newest
 * advisory is, how many records and packages it holds, and where they came from.
 *
 * @param formatVersion the index file's format version
 * @param built when the database was last written (an import or a check that found no change)
 * @param newestModified the newest {@code modified} time of any record, or null when empty
 * @param recordCount the number of records, withdrawn ones included
 * @param withdrawnCount the number of withdrawn records (kept so that updates stay incremental)
 * @param packageCount the number of distinct (ecosystem, package) keys
 * @param sources the sources imported, in import order
 */
public record DbMetadata(
    int formatVersion,
    Instant built,
    @Nullable Instant newestModified,
    int recordCount,
    int withdrawnCount,
    int packageCount,
    List<Source> sources) {

  /** A database older than this is reported as stale by {@link #isStale(Clock)}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  /**
   * One imported source.
   *
   * @param source the absolute path or URL
   * @param imported when it was last imported or checked
   * @param records how many records the database holds from it
   * @param etag the HTTP entity tag of the last download, for conditional requests
   * @param lastModified the HTTP Last-Modified of the last download
   */
  public record Source(
      String source,
      Instant imported,
      int records,
      @Nullable String etag,
      @Nullable String lastModified) {

    /** Checks the fields. */
    public Source {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(imported, "imported");
    }
  }

  /** Copies the list. */
  public DbMetadata {
    Objects.requireNonNull(built, "built");
    sources = List.copyOf(sources);
  }

  /** {@return how long ago the database was built; zero if the clock is behind it} */
  public Duration age(Clock clock) {
    Duration d = Duration.between(built, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** {@return true when the database is older than {@code maxAge}} */
  public boolean isStale(Clock clock, Duration maxAge) {
    return age(clock).compareTo(maxAge) > 0;
  }

  /** {@return true when the database is older than {@link #DEFAULT_MAX_AGE}} */
  public boolean isStale(Clock clock) {
    return isStale(clock, DEFAULT_MAX_AGE);
  }
}
