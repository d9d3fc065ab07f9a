package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.util.Comparator;

/**
 * SemVer 2.0 precedence (<a href="https://semver.org/#spec-item-11">semver.org item 11</a>), which
 * OSV prescribes for {@code SEMVER} ranges whatever the ecosystem. Build metadata is ignored; a
 * leading {@code v} and missing minor/patch parts (Go toolchain versions such as {@code 1.21}) are
 * tolerated.
 */
final class SemVer implements Comparator<String> {
  static final SemVer INSTANCE = new SemVer();

  private SemVer() {}

  @Override
  public int compare(String left, String right) {
    Parsed a = parse(left);
    Parsed b = parse(right);
    for (int i = 0; i < 3; i++) {
      int c = compareNumeric(a.core[i], b.core[i]);
      if (c != 0) {
        return c;
      }
    }
    return comparePre(a.pre, b.pre);
  }

  static boolean isValid(String version) {
    try {
      parse(version);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  @SuppressWarnings("ArrayRecordComponent") // private, never compared
  private record Parsed(String[] core, String[] pre) {}

  private static Parsed parse(String text) {
    String v = text.startsWith("v") ? text.substring(1) : text;
    int plus = v.indexOf('+');
    if (plus >= 0) {
      v = v.substring(0, plus);
    }
    String pre = "";
    int dash = v.indexOf('-');
    if (dash >= 0) {
      pre = v.substring(dash + 1);
      v = v.substring(0, dash);
      if (pre.isEmpty()) {
        throw invalid(text);
      }
    }
    String[] parts = v.split("\\.", -1);
    if (parts.length > 3 || v.isEmpty()) {
      throw invalid(text);
    }
    String[] core = {"0", "0", "0"};
    for (int i = 0; i < parts.length; i++) {
      if (!isDigits(parts[i])) {
        throw invalid(text);
      }
      core[i] = parts[i];
    }
    String[] ids = pre.isEmpty() ? new String[0] : pre.split("\\.", -1);
    for (String id : ids) {
      if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
        throw invalid(text);
      }
    }
    return new Parsed(core, ids);
  }

  /** A release ranks above its pre-releases; identifiers compare numerically or in ASCII. */
  private static int comparePre(String[] a, String[] b) {
    if (a.length == 0 || b.length == 0) {
      return Integer.compare(b.length, a.length);
    }
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      boolean an = isDigits(a[i]);
      boolean bn = isDigits(b[i]);
      int c;
      if (an && bn) {
        c = compareNumeric(a[i], b[i]);
      } else if (an || bn) {
        c = an ? -1 : 1;
      } else {
        c = a[i].compareTo(b[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** Compares digit strings of any length without overflow. */
  private static int compareNumeric(String a, String b) {
    String x = stripZeros(a);
    String y = stripZeros(b);
    if (x.length() != y.length()) {
      return Integer.compare(x.length(), y.length());
    }
    return x.compareTo(y);
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static InvalidValueException invalid(String text) {
    return new InvalidValueException(
        "SemVer version", text, "expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
  }
}
