package dev.drydock.pkg;

import java.util.ArrayList;
import java.util.List;

/**
 * RubyGems versions, ordered as {@code Gem::Version#<=>} does
 * (https://guides.rubygems.org/patterns/#semantic-versioning and the {@code Gem::Version} docs).
 *
 * <p>A valid version is digits, then {@code .}-separated alphanumeric segments, then optionally
 * {@code -} and {@code .}-separated segments of letters, digits and {@code -}; surrounding
 * whitespace is ignored. Each {@code -} means {@code .pre.}. The text is then read as a list of
 * digit runs (numbers) and letter runs (strings, case-sensitive). Trailing zeros are dropped from
 * the leading numeric part and from the rest, then the lists are compared item by item with missing
 * items as 0: a string is older than a number (so any letter makes a pre-release).
 */
final class RubyGemsVersionScheme implements VersionScheme {

  /** A segment: digits (a number) or letters (a string). */
  record Segment(String text, boolean numeric) {}

  private static final Segment ZERO = new Segment("0", true);

  @Override
  public String ecosystem() {
    return "RubyGems";
  }

  @Override
  public boolean isValid(String version) {
    try {
      canonicalSegments(version);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }

  @Override
  public int compare(String left, String right) {
    List<Segment> a = canonicalSegments(left);
    List<Segment> b = canonicalSegments(right);
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      Segment x = i < a.size() ? a.get(i) : ZERO;
      Segment y = i < b.size() ? b.get(i) : ZERO;
      int c;
      if (x.numeric() && y.numeric()) {
        c = VersionText.compareDigits(x.text(), y.text());
      } else if (x.numeric() != y.numeric()) {
        c = x.numeric() ? 1 : -1;
      } else {
        c = x.text().compareTo(y.text());
      }
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return 0;
  }

  List<Segment> canonicalSegments(String version) {
    if (version.length() > VersionText.MAX_LENGTH) {
      throw invalid(version, "it is longer than " + VersionText.MAX_LENGTH + " characters");
    }
    String text = version.strip();
    VersionText.requirePrintable("RubyGems", text);
    validate(version, text);
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end = i;
      if (VersionText.isDigit(c)) {
        while (end < text.length() && VersionText.isDigit(text.charAt(end))) {
          end++;
        }
        segments.add(new Segment(text.substring(i, end), true));
      } else if (VersionText.isLetter(c)) {
        while (end < text.length() && VersionText.isLetter(text.charAt(end))) {
          end++;
        }
        segments.add(new Segment(text.substring(i, end), false));
      } else if (c == '-') {
        // "-" stands for ".pre."
        segments.add(new Segment("pre", false));
        end++;
      } else {
        end++;
      }
      i = end;
    }
    int firstString = 0;
    while (firstString < segments.size() && segments.get(firstString).numeric()) {
      firstString++;
    }
    List<Segment> canonical = new ArrayList<>(dropTrailingZeros(segments.subList(0, firstString)));
    canonical.addAll(dropTrailingZeros(segments.subList(firstString, segments.size())));
    return canonical;
  }

  private static List<Segment> dropTrailingZeros(List<Segment> segments) {
    int n = segments.size();
    while (n > 0
        && segments.get(n - 1).numeric()
        && VersionText.compareDigits(segments.get(n - 1).text(), "0") == 0) {
      n--;
    }
    return segments.subList(0, n);
  }

  /** Checks Gem::Version's pattern: digits{.alnum+}[-ident{.ident}], ident = [0-9A-Za-z-]+. */
  private static void validate(String version, String text) {
    int i = 0;
    while (i < text.length() && VersionText.isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw invalid(version, "it must start with a digit");
    }
    while (i < text.length() && text.charAt(i) == '.') {
      int start = ++i;
      while (i < text.length() && VersionText.isAlnum(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw invalid(version, "a '.' must be followed by letters or digits");
      }
    }
    if (i < text.length() && text.charAt(i) == '-') {
      do {
        int start = ++i;
        while (i < text.length()
            && (VersionText.isAlnum(text.charAt(i)) || text.charAt(i) == '-')) {
          i++;
        }
        if (i == start) {
          throw invalid(version, "a '-' or '.' in the pre-release part must be followed by text");
        }
      } while (i < text.length() && text.charAt(i) == '.');
    }
    if (i != text.length()) {
      throw invalid(version, "unexpected character at index " + i);
    }
  }

  private static InvalidVersionException invalid(String version, String expectation) {
    return new InvalidVersionException("RubyGems", version, expectation);
  }
}
