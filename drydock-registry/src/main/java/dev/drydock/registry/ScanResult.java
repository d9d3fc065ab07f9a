package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of scanning one manifest, as kept under the data directory.
 *
 * @param digest the scanned image manifest
 * @param failure why the scan failed, or null when it succeeded
 * @param maxSeverity the worst finding's severity, or null when there is none (or it failed)
 * @param counts findings per severity
 * @param top the worst findings, worst first (at most {@link #TOP})
 * @param dbBuilt the build time of the vulnerability database used; a newer database makes the
 *     result stale
 * @param scannedAt when the scan finished
 */
record ScanResult(
    Digest digest,
    @Nullable String failure,
    @Nullable Severity maxSeverity,
    Map<Severity, Integer> counts,
    List<Top> top,
    Instant dbBuilt,
    Instant scannedAt) {
  /** How many findings a result keeps by name. */
  static final int TOP = 10;

  ScanResult {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(dbBuilt, "dbBuilt");
    Objects.requireNonNull(scannedAt, "scannedAt");
    counts = Map.copyOf(counts);
    top = List.copyOf(top);
  }

  /**
   * A named finding.
   *
   * @param id the vulnerability id (CVE when there is one)
   * @param severity its severity
   * @param pkg the package name
   * @param version the installed version
   * @param fixedVersion the version that fixes it, or null when none is known
   */
  record Top(
      String id, Severity severity, String pkg, String version, @Nullable String fixedVersion) {}

  /** {@return whether the scan failed} */
  boolean failed() {
    return failure != null;
  }
}
