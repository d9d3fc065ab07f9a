package dev.drydock.pkg;

import java.io.Serial;
import java.util.Set;

/**
 * No version scheme is known for an OSV ecosystem name, so versions of that ecosystem cannot be
 * ordered. Names the ecosystem and lists the supported ones; an advisory for such an ecosystem
 * cannot be matched by version and should be reported as such rather than guessed.
 */
public final class UnknownEcosystemException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private final String ecosystem;

  /**
   * Creates the exception.
   *
   * @param ecosystem the ecosystem name asked for, as given
   * @param supported the base ecosystem names that are supported
   */
  public UnknownEcosystemException(String ecosystem, Set<String> supported) {
    super(
        "No version scheme for ecosystem '"
            + (ecosystem.length() <= 120 ? ecosystem : ecosystem.substring(0, 117) + "...")
            + "'. Use one of the OSV ecosystem names "
            + String.join(", ", supported.stream().sorted().toList())
            + " (optionally with a ':<release>' suffix).");
    this.ecosystem = ecosystem;
  }

  /** {@return the ecosystem name that was asked for} */
  public String ecosystem() {
    return ecosystem;
  }
}
