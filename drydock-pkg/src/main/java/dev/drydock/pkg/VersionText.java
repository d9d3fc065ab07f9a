package dev.drydock.pkg;

/**
 * Helpers shared by the version schemes: the input bound every scheme applies, and comparison of
 * arbitrarily long digit runs without parsing them into a bounded integer type.
 */
final class VersionText {
  /**
   * The longest version text any scheme accepts. Real versions are far shorter (Go pseudo-versions,
   * the longest common form, are about 40 characters); the bound keeps every comparison cheap on
   * untrusted input.
   */
  static final int MAX_LENGTH = 256;

  private VersionText() {}

  /**
   * Rejects empty, over-long and non-printable-ASCII text before a scheme looks at it.
   *
   * @throws InvalidVersionException naming the ecosystem when the text fails
   */
  static void requirePrintable(String ecosystem, String version) {
    if (version.isEmpty()) {
      throw new InvalidVersionException(ecosystem, version, "it is empty");
    }
    if (version.length() > MAX_LENGTH) {
      throw new InvalidVersionException(
          ecosystem, version, "it is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new InvalidVersionException(
            ecosystem,
            version,
            "it contains a space, control or non-ASCII character at index " + i);
      }
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares two runs of decimal digits by numeric value, of any length: leading zeros are ignored,
   * then the longer run is larger, then the first differing digit decides.
   */
  static int compareDigits(String a, String b) {
    int i = 0;
    while (i < a.length() - 1 && a.charAt(i) == '0') {
      i++;
    }
    int j = 0;
    while (j < b.length() - 1 && b.charAt(j) == '0') {
      j++;
    }
    int lengths = Integer.compare(a.length() - i, b.length() - j);
    if (lengths != 0) {
      return lengths;
    }
    for (; i < a.length(); i++, j++) {
      int c = Character.compare(a.charAt(i), b.charAt(j));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Reduces a comparison result to -1, 0 or 1. */
  static int sign(int comparison) {
    return Integer.signum(comparison);
  }
}
