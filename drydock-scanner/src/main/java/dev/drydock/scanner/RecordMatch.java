package dev.drydock.scanner;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One OSV record found to affect a package version.
 *
 * @param record the record
 * @param fixedVersion the lowest {@code fixed} version above the installed one in a range that
 *     affects it, or null when no fix is known
 * @param affected the record's {@code affected} entries that matched the package
 */
public record RecordMatch(
    OsvRecord record, @Nullable String fixedVersion, List<OsvAffected> affected) {

  /** Copies the list. */
  public RecordMatch {
    Objects.requireNonNull(record, "record");
    affected = List.copyOf(affected);
  }
}
