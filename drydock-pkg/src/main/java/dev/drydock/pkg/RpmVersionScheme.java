package dev.drydock.pkg;

import org.jspecify.annotations.Nullable;

/**
 * RPM package versions, {@code [epoch:]version[-release]}, ordered as rpm 4.18 does ({@code
 * rpmverCmp} over {@code rpmvercmp}, see https://rpm-software-management.github.io/rpm/manual/ and
 * the "Version comparison" section of the rpm spec file docs). Serves Red Hat, AlmaLinux, Rocky
 * Linux, SUSE, openSUSE, Photon OS, Azure Linux, Mageia and openEuler.
 *
 * <p>Epochs compare first (missing = 0), then versions, then releases. When only one side has a
 * release, that side is newer (what {@code rpm.vercmp} answers for {@code 1.0-1} against {@code
 * 1.0}). Each part is compared segment by segment: runs of ASCII letters or digits, everything else
 * separates; digit runs compare numerically and beat letter runs; {@code ~} sorts before
 * everything, even the end; {@code ^} sorts after the end but before any further segment.
 *
 * <p>Stricter than rpm about shape: the epoch must be decimal when a {@code :} is present, the
 * version must not be empty, there is at most one {@code -}, and only printable ASCII is accepted.
 */
final class RpmVersionScheme implements VersionScheme {
  private final String ecosystem;

  RpmVersionScheme(String ecosystem) {
    this.ecosystem = ecosystem;
  }

  /** A parsed EVR; the release is null when the text has none. */
  record Parsed(String epoch, String version, @Nullable String release) {}

  @Override
  public String ecosystem() {
    return ecosystem;
  }

  @Override
  public int compare(String left, String right) {
    Parsed a = parse(left);
    Parsed b = parse(right);
    int c = rpmvercmp(a.epoch(), b.epoch());
    if (c == 0) {
      c = rpmvercmp(a.version(), b.version());
    }
    if (c == 0) {
      String ra = a.release();
      String rb = b.release();
      if (ra != null && rb != null) {
        c = rpmvercmp(ra, rb);
      } else if (ra != null) {
        c = 1;
      } else if (rb != null) {
        c = -1;
      }
    }
    return c;
  }

  Parsed parse(String text) {
    VersionText.requirePrintable(ecosystem, text);
    int colon = text.indexOf(':');
    String epoch = "0";
    String rest = text;
    if (colon >= 0) {
      String digits = text.substring(0, colon);
      if (!digits.isEmpty() && !VersionText.allDigits(digits)) {
        throw invalid(text, "the epoch before ':' must be a decimal number");
      }
      epoch = digits.isEmpty() ? "0" : digits;
      rest = text.substring(colon + 1);
      if (rest.indexOf(':') >= 0) {
        throw invalid(text, "only one ':' (after the epoch) is allowed");
      }
    }
    int hyphen = rest.indexOf('-');
    if (hyphen >= 0 && rest.indexOf('-', hyphen + 1) >= 0) {
      throw invalid(text, "only one '-' (before the release) is allowed");
    }
    String version = hyphen >= 0 ? rest.substring(0, hyphen) : rest;
    String release = hyphen >= 0 ? rest.substring(hyphen + 1) : null;
    if (version.isEmpty()) {
      throw invalid(text, "the version part is empty");
    }
    if (release != null && release.isEmpty()) {
      throw invalid(text, "the release after '-' is empty");
    }
    return new Parsed(epoch, version, release);
  }

  private InvalidVersionException invalid(String version, String expectation) {
    return new InvalidVersionException(ecosystem, version, expectation);
  }

  private static int at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  private static boolean isSegmentChar(int c) {
    return c != 0 && (VersionText.isAlnum((char) c) || c == '~' || c == '^');
  }

  /** rpm's segmented comparison of one part (epoch, version or release). */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while (i < a.length() && !isSegmentChar(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && !isSegmentChar(b.charAt(j))) {
        j++;
      }
      int ca = at(a, i);
      int cb = at(b, j);
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (ca == 0) {
          return -1;
        }
        if (cb == 0) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == 0 || cb == 0) {
        break;
      }
      boolean numeric = VersionText.isDigit((char) ca);
      int ei = i;
      int ej = j;
      if (numeric) {
        while (ei < a.length() && VersionText.isDigit(a.charAt(ei))) {
          ei++;
        }
        while (ej < b.length() && VersionText.isDigit(b.charAt(ej))) {
          ej++;
        }
      } else {
        while (ei < a.length() && VersionText.isLetter(a.charAt(ei))) {
          ei++;
        }
        while (ej < b.length() && VersionText.isLetter(b.charAt(ej))) {
          ej++;
        }
      }
      if (ej == j) {
        // The segments are of different kinds: a number is newer than letters.
        return numeric ? 1 : -1;
      }
      String sa = a.substring(i, ei);
      String sb = b.substring(j, ej);
      int c = numeric ? VersionText.compareDigits(sa, sb) : sa.compareTo(sb);
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
      i = ei;
      j = ej;
    }
    if (i >= a.length() && j >= b.length()) {
      return 0;
    }
    return i >= a.length() ? -1 : 1;
  }
}
