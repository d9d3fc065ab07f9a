package dev.drydock.pkg;

import java.util.ArrayList;
import java.util.List;

/**
 * Semantic versions (https://semver.org/spec/v2.0.0.html §9–§11) in the dialects of the ecosystems
 * that use them:
 *
 * <ul>
 *   <li>{@link Dialect#NPM}: node-semver's strict parse; surrounding whitespace and one leading
 *       {@code v} are ignored, numbers are at most 2^53-1, and numeric pre-release identifiers are
 *       compared as JavaScript numbers.
 *   <li>{@link Dialect#GO}: golang.org/x/mod/semver; the {@code v} is optional (OSV writes Go
 *       versions without it), {@code v1} and {@code v1.2} stand for {@code v1.0.0} and {@code
 *       v1.2.0}. Pseudo-versions and {@code +incompatible} need nothing special: they are a
 *       pre-release and build metadata.
 *   <li>{@link Dialect#CARGO}: the Rust {@code semver} crate used by Cargo; numbers fit in 64
 *       unsigned bits, and build metadata breaks ties (the crate orders {@code 1.0.0+a < 1.0.0+b}).
 *   <li>{@link Dialect#STRICT}: SemVer 2.0.0 as written, for OSV {@code SEMVER} ranges.
 * </ul>
 *
 * <p>Except for Cargo, build metadata is ignored. Pre-releases sort before their release; their
 * identifiers compare numerically when both are numeric, numeric before alphanumeric, otherwise in
 * ASCII order, and a shorter list of equal identifiers first.
 */
final class SemVerScheme implements VersionScheme {
  private static final String MAX_SAFE_INTEGER = "9007199254740991";
  private static final String MAX_U64 = "18446744073709551615";

  /** Which ecosystem's flavour of SemVer to follow. */
  enum Dialect {
    NPM,
    GO,
    CARGO,
    STRICT
  }

  /** A parsed version; numbers as digit strings so that any size compares exactly. */
  record Parsed(String major, String minor, String patch, List<String> pre, List<String> build) {}

  private final String ecosystem;
  private final Dialect dialect;

  SemVerScheme(String ecosystem, Dialect dialect) {
    this.ecosystem = ecosystem;
    this.dialect = dialect;
  }

  @Override
  public String ecosystem() {
    return ecosystem;
  }

  @Override
  public int compare(String left, String right) {
    Parsed a = parse(left);
    Parsed b = parse(right);
    int c = VersionText.compareDigits(a.major(), b.major());
    if (c == 0) {
      c = VersionText.compareDigits(a.minor(), b.minor());
    }
    if (c == 0) {
      c = VersionText.compareDigits(a.patch(), b.patch());
    }
    if (c == 0) {
      c = comparePre(a.pre(), b.pre());
    }
    if (c == 0 && dialect == Dialect.CARGO) {
      c = compareCargoBuild(a.build(), b.build());
    }
    return Integer.signum(c);
  }

  Parsed parse(String version) {
    String text = dialect == Dialect.NPM ? version.strip() : version;
    if (version.length() > VersionText.MAX_LENGTH) {
      throw invalid(version, "it is longer than " + VersionText.MAX_LENGTH + " characters");
    }
    VersionText.requirePrintable(ecosystem, text);
    if ((dialect == Dialect.NPM || dialect == Dialect.GO) && text.startsWith("v")) {
      text = text.substring(1);
    }
    int plus = text.indexOf('+');
    int hyphen = text.indexOf('-');
    int coreEnd = text.length();
    if (hyphen >= 0 && (plus < 0 || hyphen < plus)) {
      coreEnd = hyphen;
    } else if (plus >= 0) {
      coreEnd = plus;
    }
    List<String> core = split(text.substring(0, coreEnd));
    boolean shorthand = dialect == Dialect.GO && coreEnd == text.length() && core.size() < 3;
    if (core.size() != 3 && !shorthand) {
      throw invalid(version, "expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
    }
    for (String number : core) {
      checkNumber(version, number);
    }
    List<String> pre = List.of();
    List<String> build = List.of();
    if (coreEnd == hyphen) {
      int preEnd = plus >= 0 ? plus : text.length();
      pre = split(text.substring(hyphen + 1, preEnd));
      for (String id : pre) {
        checkIdentifier(version, id, true);
      }
    }
    if (plus >= 0) {
      build = split(text.substring(plus + 1));
      for (String id : build) {
        checkIdentifier(version, id, false);
      }
    }
    return new Parsed(
        core.get(0),
        core.size() > 1 ? core.get(1) : "0",
        core.size() > 2 ? core.get(2) : "0",
        pre,
        build);
  }

  private static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    return parts;
  }

  private void checkNumber(String version, String number) {
    if (!VersionText.allDigits(number)) {
      throw invalid(version, "MAJOR, MINOR and PATCH must be non-empty decimal numbers");
    }
    if (number.length() > 1 && number.charAt(0) == '0') {
      throw invalid(version, "MAJOR, MINOR and PATCH must not have leading zeros");
    }
    String max =
        switch (dialect) {
          case NPM -> MAX_SAFE_INTEGER;
          case CARGO -> MAX_U64;
          case GO, STRICT -> "";
        };
    if (!max.isEmpty() && VersionText.compareDigits(number, max) > 0) {
      throw invalid(version, "a version number is larger than " + max);
    }
  }

  private void checkIdentifier(String version, String id, boolean prerelease) {
    if (id.isEmpty()) {
      throw invalid(version, "an identifier in the pre-release or build part is empty");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!VersionText.isAlnum(c) && c != '-') {
        throw invalid(version, "identifiers may hold only ASCII letters, digits and '-'");
      }
    }
    if (prerelease && id.length() > 1 && id.charAt(0) == '0' && VersionText.allDigits(id)) {
      throw invalid(version, "numeric pre-release identifiers must not have leading zeros");
    }
  }

  private InvalidVersionException invalid(String version, String expectation) {
    return new InvalidVersionException(ecosystem, version, expectation);
  }

  private int comparePre(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      // A release is newer than any of its pre-releases.
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private int compareIdentifier(String x, String y) {
    boolean xNum = VersionText.allDigits(x);
    boolean yNum = VersionText.allDigits(y);
    if (xNum && yNum) {
      // node-semver converts numeric identifiers to JavaScript numbers (doubles) to compare.
      return dialect == Dialect.NPM
          ? Double.compare(Double.parseDouble(x), Double.parseDouble(y))
          : VersionText.compareDigits(x, y);
    }
    if (xNum != yNum) {
      return xNum ? -1 : 1;
    }
    return x.compareTo(y);
  }

  /**
   * The semver crate's build-metadata order: no build first; numeric identifiers by value, then by
   * length (so {@code 0 < 00 < 1}); numeric before alphanumeric; shorter list first.
   */
  private static int compareCargoBuild(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = VersionText.allDigits(x);
      boolean yNum = VersionText.allDigits(y);
      int c;
      if (xNum && yNum) {
        c = VersionText.compareDigits(x, y);
        if (c == 0) {
          c = Integer.compare(x.length(), y.length());
        }
      } else if (xNum != yNum) {
        return xNum ? -1 : 1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
