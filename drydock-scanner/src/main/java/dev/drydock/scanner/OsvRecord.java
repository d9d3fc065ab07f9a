package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One OSV vulnerability record (<a href="https://ossf.github.io/osv-schema/">OSV schema 1.7</a>),
 * holding the fields drydock matches and reports on. {@code details} is cut to a short excerpt;
 * {@code credits} are dropped.
 *
 * @param id the record id ({@code GHSA-...}, {@code GO-...}, {@code DEBIAN-CVE-...})
 * @param modified when the record last changed; drives incremental imports
 * @param published when it was first published, if given
 * @param withdrawn when it was withdrawn, if it was; a withdrawn record never matches
 * @param aliases ids of the same vulnerability in other databases
 * @param related ids of related but different vulnerabilities
 * @param upstream ids this record was derived from (e.g. {@code CVE-...} for {@code
 *     DEBIAN-CVE-...})
 * @param summary one-line summary, may be empty
 * @param details an excerpt of the details, may be empty
 * @param severity the {@code severity} entries
 * @param affected the affected packages
 * @param references the reference links
 * @param databaseSeverity {@code database_specific.severity} (GHSA: LOW, MODERATE, HIGH, CRITICAL)
 * @param databaseSpecific the whole {@code database_specific} object as compact JSON, or null
 */
public record OsvRecord(
    String id,
    Instant modified,
    @Nullable Instant published,
    @Nullable Instant withdrawn,
    List<String> aliases,
    List<String> related,
    List<String> upstream,
    String summary,
    String details,
    List<OsvSeverity> severity,
    List<OsvAffected> affected,
    List<OsvReference> references,
    @Nullable String databaseSeverity,
    @Nullable String databaseSpecific) {

  /** Checks the id and copies the lists. */
  public OsvRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(modified, "modified");
    if (id.isBlank() || id.length() > OsvLimits.MAX_ID_CHARS || !id.strip().equals(id)) {
      throw new InvalidValueException(
          "OSV id", id, "expected a non-blank id without surrounding spaces");
    }
    aliases = List.copyOf(aliases);
    related = List.copyOf(related);
    upstream = List.copyOf(upstream);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(details, "details");
    severity = List.copyOf(severity);
    affected = List.copyOf(affected);
    references = List.copyOf(references);
  }

  /** {@return true when the record has been withdrawn and must not be reported} */
  public boolean isWithdrawn() {
    return withdrawn != null;
  }

  /** {@return this record's id followed by its aliases} */
  public List<String> allIds() {
    List<String> ids = new ArrayList<>(aliases.size() + 1);
    ids.add(id);
    ids.addAll(aliases);
    return List.copyOf(ids);
  }
}
