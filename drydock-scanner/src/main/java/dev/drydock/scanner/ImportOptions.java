package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and settings of an import.
 *
 * @param clock the clock stamping the database
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long a whole download may take
 * @param maxDownloadBytes the largest archive accepted over HTTP
 * @param maxInflatedBytes the most bytes all entries of an archive may inflate to (zip bombs)
 * @param maxRecords the most records one source may hold
 * @param allowPlainHttp whether {@code http://} URLs are accepted (tests on loopback); off by
 *     default
 */
public record ImportOptions(
    Clock clock,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxDownloadBytes,
    long maxInflatedBytes,
    int maxRecords,
    boolean allowPlainHttp) {

  /** Checks the limits are positive. */
  public ImportOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxDownloadBytes <= 0 || maxInflatedBytes <= 0 || maxRecords <= 0) {
      throw new InvalidValueException("import limits", "<= 0", "limits must be positive");
    }
  }

  /**
   * {@return defaults: 30 s to connect, 15 min per download, 2 GiB download, 8 GiB inflated, two
   * million records per source, https only}
   */
  public static ImportOptions defaults(Clock clock) {
    return new ImportOptions(
        clock,
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        2L << 30,
        8L << 30,
        2_000_000,
        false);
  }

  /** {@return a copy that accepts plain {@code http://} URLs (or not)} */
  public ImportOptions withPlainHttp(boolean allow) {
    return new ImportOptions(
        clock,
        connectTimeout,
        requestTimeout,
        maxDownloadBytes,
        maxInflatedBytes,
        maxRecords,
        allow);
  }

  /** {@return a copy with other size limits} */
  public ImportOptions withLimits(long maxDownload, long maxInflated, int records) {
    return new ImportOptions(
        clock, connectTimeout, requestTimeout, maxDownload, maxInflated, records, allowPlainHttp);
  }
}
