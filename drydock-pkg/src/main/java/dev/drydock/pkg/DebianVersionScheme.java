package dev.drydock.pkg;

/**
 * Debian package versions, {@code [epoch:]upstream_version[-debian_revision]}, ordered as {@code
 * dpkg --compare-versions} does (Debian Policy §5.6.12, dpkg's {@code verrevcmp}). Also serves
 * Ubuntu and other dpkg-based distributions.
 *
 * <p>Each part is compared in turn: the epoch numerically (missing = 0), then upstream version and
 * revision by alternating non-digit and digit runs. In non-digit runs {@code ~} sorts before
 * everything (even the end of the string), then the end, then letters, then all other characters;
 * digit runs compare numerically. A missing revision equals revision {@code 0}.
 *
 * <p>Stricter than dpkg in one way: texts dpkg only warns about (upstream not starting with a
 * digit, characters outside the policy's set) are rejected here, so that a malformed advisory or
 * database entry fails closed instead of being ordered arbitrarily.
 */
final class DebianVersionScheme implements VersionScheme {
  private final String ecosystem;

  DebianVersionScheme(String ecosystem) {
    this.ecosystem = ecosystem;
  }

  /** A parsed version; the epoch as its digit text so that large values compare exactly. */
  record Parsed(String epoch, String upstream, String revision) {}

  @Override
  public String ecosystem() {
    return ecosystem;
  }

  @Override
  public int compare(String left, String right) {
    Parsed a = parse(left);
    Parsed b = parse(right);
    int c = VersionText.compareDigits(a.epoch(), b.epoch());
    if (c == 0) {
      c = verrevcmp(a.upstream(), b.upstream());
    }
    if (c == 0) {
      c = verrevcmp(a.revision(), b.revision());
    }
    return VersionText.sign(c);
  }

  Parsed parse(String version) {
    VersionText.requirePrintable(ecosystem, version);
    int colon = version.indexOf(':');
    String epoch = "0";
    String rest = version;
    if (colon >= 0) {
      epoch = version.substring(0, colon);
      if (!VersionText.allDigits(epoch)) {
        throw invalid(version, "the epoch before ':' must be a non-empty decimal number");
      }
      if (VersionText.compareDigits(epoch, Integer.toString(Integer.MAX_VALUE)) > 0) {
        throw invalid(version, "the epoch is larger than dpkg allows (2147483647)");
      }
      rest = version.substring(colon + 1);
    }
    int hyphen = rest.lastIndexOf('-');
    String upstream = hyphen >= 0 ? rest.substring(0, hyphen) : rest;
    String revision = hyphen >= 0 ? rest.substring(hyphen + 1) : "";
    if (upstream.isEmpty()) {
      throw invalid(version, "the upstream version is empty");
    }
    if (hyphen >= 0 && revision.isEmpty()) {
      throw invalid(version, "the revision after the last '-' is empty");
    }
    if (!VersionText.isDigit(upstream.charAt(0))) {
      throw invalid(version, "the upstream version must start with a digit");
    }
    for (int i = 0; i < upstream.length(); i++) {
      char c = upstream.charAt(i);
      if (!VersionText.isAlnum(c) && ".+~-:".indexOf(c) < 0) {
        throw invalid(version, "the upstream version may hold only letters, digits and .+~-:");
      }
    }
    for (int i = 0; i < revision.length(); i++) {
      char c = revision.charAt(i);
      if (!VersionText.isAlnum(c) && ".+~".indexOf(c) < 0) {
        throw invalid(version, "the revision may hold only letters, digits and .+~");
      }
    }
    return new Parsed(epoch, upstream, revision);
  }

  private InvalidVersionException invalid(String version, String expectation) {
    return new InvalidVersionException(ecosystem, version, expectation);
  }

  /** The weight of one character in a non-digit run; the end of the string weighs 0. */
  private static int order(int c) {
    if (c == 0 || VersionText.isDigit((char) c)) {
      return 0;
    }
    if (VersionText.isLetter((char) c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static int at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  /** dpkg's comparison of one version part (upstream or revision). */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !VersionText.isDigit(a.charAt(i)))
          || (j < b.length() && !VersionText.isDigit(b.charAt(j)))) {
        int ac = order(at(a, i));
        int bc = order(at(b, j));
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      int si = i;
      while (si < a.length() && a.charAt(si) == '0') {
        si++;
      }
      int sj = j;
      while (sj < b.length() && b.charAt(sj) == '0') {
        sj++;
      }
      i = si;
      j = sj;
      int firstDiff = 0;
      while (i < a.length()
          && VersionText.isDigit(a.charAt(i))
          && j < b.length()
          && VersionText.isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && VersionText.isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && VersionText.isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }
}
