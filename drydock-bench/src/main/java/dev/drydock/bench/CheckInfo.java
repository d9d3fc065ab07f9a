package dev.drydock.bench;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one CIS Docker Benchmark recommendation is: its ID and title as CIS numbers and words them,
 * the benchmark version the check follows, and how a failure is rated.
 *
 * @param id the CIS ID in the benchmark version named by {@code cisVersion}, e.g. {@code 5.5}
 * @param title the CIS title, without the "(Automated)" / "(Manual)" suffix
 * @param level the CIS profile level, 1 or 2
 * @param automated true when drydock decides pass or fail itself; false for guidance-only checks
 *     that are always reported as {@link Status#MANUAL}
 * @param severity how bad a failure is
 * @param cisVersion the benchmark version whose text this check follows, e.g. {@code 1.6.0}
 * @param dbsId the ID docker-bench-security v1.6 uses for the same recommendation, or empty when it
 *     has none
 * @param remediation what to do when it fails, in drydock's words
 */
public record CheckInfo(
    String id,
    String title,
    int level,
    boolean automated,
    Severity severity,
    String cisVersion,
    String dbsId,
    String remediation) {

  private static final Pattern ID = Pattern.compile("[1-9][0-9]?(\\.[1-9][0-9]?){1,2}");

  /** Validates the fields. */
  public CheckInfo {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Not a CIS check ID: '" + id + "'.");
    }
    Objects.requireNonNull(title, "title");
    if (level != 1 && level != 2) {
      throw new IllegalArgumentException("CIS level must be 1 or 2, not " + level);
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(cisVersion, "cisVersion");
    Objects.requireNonNull(dbsId, "dbsId");
    Objects.requireNonNull(remediation, "remediation");
  }

  /** {@return the section number, the first component of the ID} */
  public int section() {
    return Integer.parseInt(id.substring(0, id.indexOf('.')));
  }

  /** {@return the rule ID findings carry, e.g. {@code cis-5.5}} */
  public String ruleId() {
    return "cis-" + id;
  }

  /**
   * Starts a finding of this check about one subject, with the check's identity, severity and
   * properties filled in. Remediation is attached to every outcome but a pass.
   */
  public Finding.Builder finding(Status status, String subject, String evidence) {
    Finding.Builder b =
        Finding.builder(ruleId(), title)
            .severity(severity)
            .status(status)
            .subject(subject)
            .evidence(evidence)
            .references(List.of("https://www.cisecurity.org/benchmark/docker"))
            .property("section", Sections.title(section()))
            .property("level", Integer.toString(level))
            .property("automated", Boolean.toString(automated))
            .property("cis_version", cisVersion);
    if (!dbsId.isEmpty()) {
      b.property("dbs_id", dbsId);
    }
    if (status != Status.PASS) {
      b.remediation(remediation);
    }
    return b;
  }
}
