package dev.drydock.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One result of a check or a match, in the shape every report format renders: a CIS check on a
 * container, a vulnerable package in an image, an unsigned image.
 *
 * @param ruleId stable identifier of the rule that produced it, e.g. {@code cis-5.4} or {@code
 *     CVE-2024-3094}; never blank
 * @param title one line saying what the rule checks
 * @param severity how bad a failure of this rule is
 * @param status the outcome for this subject
 * @param subject what the finding is about (container name and ID, file, image, package); never
 *     blank
 * @param evidence what was observed, so that the reader can verify it; may be empty
 * @param remediation what to do about it; may be empty
 * @param references links to the standard or advisory
 * @param properties further facts as sorted key/value pairs (e.g. {@code level=1}); keys are
 *     non-blank
 */
public record Finding(
    String ruleId,
    String title,
    Severity severity,
    Status status,
    String subject,
    String evidence,
    String remediation,
    List<String> references,
    Map<String, String> properties) {

  /** Validates and copies the collections so that a finding is deeply immutable. */
  public Finding {
    requireText(ruleId, "ruleId");
    requireText(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    requireText(subject, "subject");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(remediation, "remediation");
    references = List.copyOf(references);
    for (String key : properties.keySet()) {
      requireText(key, "property key");
    }
    // Sorted and unmodifiable: output formats iterate it, and must be byte-stable.
    properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
  }

  /** {@return a builder for the common case of a few fields} */
  public static Builder builder(String ruleId, String title) {
    return new Builder(ruleId, title);
  }

  /** {@return true when the outcome is a problem a gate should act on: fail or error} */
  public boolean isProblem() {
    return status == Status.FAIL || status == Status.ERROR;
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("A finding's " + name + " must not be blank.");
    }
  }

  /** Assembles a {@link Finding}; the subject defaults to {@code host}. */
  public static final class Builder {
    private final String ruleId;
    private final String title;
    private Severity severity = Severity.MEDIUM;
    private Status status = Status.FAIL;
    private String subject = "host";
    private String evidence = "";
    private String remediation = "";
    private List<String> references = List.of();
    private final Map<String, String> properties = new TreeMap<>();

    private Builder(String ruleId, String title) {
      this.ruleId = ruleId;
      this.title = title;
    }

    /** Sets the severity. */
    public Builder severity(Severity value) {
      this.severity = value;
      return this;
    }

    /** Sets the status. */
    public Builder status(Status value) {
      this.status = value;
      return this;
    }

    /** Sets the subject. */
    public Builder subject(String value) {
      this.subject = value;
      return this;
    }

    /** Sets the evidence. */
    public Builder evidence(String value) {
      this.evidence = value;
      return this;
    }

    /** Sets the remediation. */
    public Builder remediation(String value) {
      this.remediation = value;
      return this;
    }

    /** Sets the references. */
    public Builder references(List<String> value) {
      this.references = List.copyOf(value);
      return this;
    }

    /** Adds one property. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** {@return the validated finding} */
    public Finding build() {
      return new Finding(
          ruleId, title, severity, status, subject, evidence, remediation, references, properties);
    }
  }
}
