package dev.drydock.pkg;

import java.util.Comparator;

/**
 * How one ecosystem orders its version strings, exactly as that ecosystem's own tool does (dpkg,
 * rpm, apk, Maven, npm, pip, Go, Cargo, RubyGems, NuGet). OSV range matching and "is an upgrade
 * pending" both rest on it. Get one from {@link VersionSchemes#forEcosystem}.
 */
public interface VersionScheme extends Comparator<String> {

  /** {@return the OSV ecosystem name this scheme serves, e.g. {@code Debian} or {@code Maven}} */
  String ecosystem();

  /**
   * Compares two versions of this ecosystem.
   *
   * @return -1, 0 or 1 as {@code left} is older than, equal to or newer than {@code right}
   * @throws InvalidVersionException when either is not a valid version here
   */
  @Override
  int compare(String left, String right);

  /** {@return true when the text is a version this scheme can order} */
  default boolean isValid(String version) {
    try {
      compare(version, version);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }
}
