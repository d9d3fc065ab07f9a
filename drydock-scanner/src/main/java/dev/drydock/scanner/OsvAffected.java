package dev.drydock.scanner;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code affected} entry of an OSV record: a package and the versions of it that are affected
 * (<a href="https://ossf.github.io/osv-schema/#affected-fields">OSV affected</a>).
 *
 * @param pkg the package
 * @param ranges the version ranges
 * @param versions versions listed explicitly (affected whatever the ranges say)
 * @param ecosystemSpecific the {@code ecosystem_specific} object as compact JSON, or null
 * @param databaseSpecific the {@code database_specific} object as compact JSON, or null
 * @param severityHint a severity word taken from {@code ecosystem_specific.urgency} (Debian),
 *     {@code ecosystem_specific.severity} or {@code database_specific.severity}, or null
 */
public record OsvAffected(
    OsvPackage pkg,
    List<OsvRange> ranges,
    List<String> versions,
    @Nullable String ecosystemSpecific,
    @Nullable String databaseSpecific,
    @Nullable String severityHint) {

  /** Copies the lists. */
  public OsvAffected {
    Objects.requireNonNull(pkg, "pkg");
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }
}
