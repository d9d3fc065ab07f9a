package dev.drydock.scanner;

import dev.drydock.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One vulnerability affecting a package: the OSV records that match it, merged through their
 * aliases into one logical vulnerability.
 *
 * @param id the primary id: the lowest CVE id among all ids when there is one, else the lowest GHSA
 *     id, else the lowest record id
 * @param aliases every other id of the vulnerability (record ids and their aliases), sorted
 * @param recordIds the ids of the OSV records that matched, sorted
 * @param severity the rating (the most severe among the records)
 * @param cvss the CVSS score behind the rating, when there is one
 * @param severitySource where the rating came from (see {@link SeverityRating#source()})
 * @param fixedVersion the version that fixes it (the highest of the records' fix versions), or null
 *     when no fix is known
 * @param summary a one-line summary, may be empty
 * @param pkg the package it was found in
 * @param modified the newest {@code modified} time of the records
 */
public record VulnMatch(
    String id,
    List<String> aliases,
    List<String> recordIds,
    Severity severity,
    @Nullable CvssScore cvss,
    String severitySource,
    @Nullable String fixedVersion,
    String summary,
    PackageQuery pkg,
    Instant modified) {

  /** Copies the lists. */
  public VulnMatch {
    Objects.requireNonNull(id, "id");
    aliases = List.copyOf(aliases);
    recordIds = List.copyOf(recordIds);
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(severitySource, "severitySource");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(modified, "modified");
  }

  /** {@return true when a fixed version is known} */
  public boolean fixAvailable() {
    return fixedVersion != null;
  }
}
