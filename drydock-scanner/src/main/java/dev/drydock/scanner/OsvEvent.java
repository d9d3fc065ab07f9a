package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.util.Objects;

/**
 * One event of an OSV range: a version where the vulnerability was introduced, fixed, last seen, or
 * beyond which the range does not reach (<a
 * href="https://ossf.github.io/osv-schema/#affectedrangesevents-fields">OSV
 * affected[].ranges[].events</a>).
 *
 * @param kind which of the four events
 * @param version the version (or commit for {@code GIT} ranges); {@code "0"} for "introduced from
 *     the beginning"
 */
public record OsvEvent(Kind kind, String version) {

  /** The four event kinds, each with its JSON name. */
  public enum Kind {
    INTRODUCED("introduced"),
    FIXED("fixed"),
    LAST_AFFECTED("last_affected"),
    LIMIT("limit");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** {@return the field name used in OSV JSON} */
    public String json() {
      return json;
    }
  }

  /** Checks that the version is present and short enough to be a version. */
  public OsvEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    if (version.isBlank() || version.length() > OsvLimits.MAX_VERSION_CHARS) {
      throw new InvalidValueException(
          "OSV " + kind.json() + " event",
          version,
          "expected a non-blank version of at most " + OsvLimits.MAX_VERSION_CHARS + " characters");
    }
  }
}
