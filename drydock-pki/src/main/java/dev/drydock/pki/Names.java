package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;

/** Checks for the names that go into certificate subjects and, for common names, file names. */
final class Names {
  /** RFC 5280's upper bound for a common name, organisation or organisational unit. */
  static final int MAX_LENGTH = 64;

  private Names() {}

  /** Rejects empty, over-long and control-character values of a subject attribute. */
  static void checkSubjectPart(String kind, String value) {
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw new InvalidValueException(kind, value, "must be 1 to " + MAX_LENGTH + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException(kind, value, "must not contain control characters");
    }
  }

  /**
   * Rejects common names that cannot also serve as a directory name: path separators, {@code .} and
   * {@code ..}, and leading dots.
   */
  static void checkCommonName(String name) {
    checkSubjectPart("certificate name", name);
    if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.isBlank()) {
      throw new InvalidValueException(
          "certificate name",
          name,
          "is also a file name: no '/' or '\\', and it must not start with '.'");
    }
  }
}
