package dev.drydock.scanner;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param source the source's key (path or URL)
 * @param added records new to the database
 * @param updated records whose {@code modified} time was newer than the stored copy
 * @param unchanged records whose stored copy was as new (not re-parsed)
 * @param removed records that came from this source before and are no longer in it
 * @param withdrawn records added or updated that are withdrawn (kept, never matched)
 * @param rejected malformed records skipped
 * @param problems the first problems met (at most 20), each naming the file and record
 * @param total records in the database after the import
 * @param notModified true when the server answered 304: nothing was downloaded
 * @param elapsed how long the import took
 */
public record ImportStats(
    String source,
    int added,
    int updated,
    int unchanged,
    int removed,
    int withdrawn,
    int rejected,
    List<String> problems,
    int total,
    boolean notModified,
    Duration elapsed) {

  /** Copies the list. */
  public ImportStats {
    Objects.requireNonNull(source, "source");
    problems = List.copyOf(problems);
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
