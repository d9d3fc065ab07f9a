package dev.drydock.scanner;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One range of an OSV {@code affected} entry (<a
 * href="https://ossf.github.io/osv-schema/#affectedranges-field">OSV affected[].ranges</a>).
 *
 * @param type how the event versions are ordered
 * @param repo the repository URL of a {@code GIT} range, else null
 * @param events the events in the order the record lists them
 */
public record OsvRange(Type type, @Nullable String repo, List<OsvEvent> events) {

  /** How a range's versions are ordered. */
  public enum Type {
    /** SemVer 2.0 precedence, whatever the ecosystem. */
    SEMVER,
    /** The ecosystem's own ordering (dpkg, Maven, PEP 440, ...). */
    ECOSYSTEM,
    /** Commits of a Git repository; not used for version matching. */
    GIT
  }

  /** Copies the events. */
  public OsvRange {
    Objects.requireNonNull(type, "type");
    events = List.copyOf(events);
  }
}
