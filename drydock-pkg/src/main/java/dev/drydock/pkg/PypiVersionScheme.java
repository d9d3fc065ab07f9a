package dev.drydock.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Python package versions, parsed and ordered as PEP 440 specifies
 * (https://peps.python.org/pep-0440/, "Version scheme" and its appendix regular expression) and as
 * the {@code packaging} library implements it, including the normalisations: case-insensitivity, a
 * leading {@code v}, {@code alpha/beta/c/pre/preview} for {@code a/b/rc/rc/rc}, {@code rev/r} and
 * {@code -N} for {@code .postN}, {@code -}, {@code _} or {@code .} separators, implicit 0 numbers,
 * and surrounding whitespace.
 *
 * <p>Order: epoch, release (trailing zeros ignored), then pre-release ({@code .devN} alone sorts
 * before any pre-release, no pre-release after all), post-release (none first), dev-release (none
 * last), and the local label ({@code +...}, none first; numeric segments after alphanumeric ones).
 *
 * <p>The appendix's regular expression is matched by hand: each optional part lists its possible
 * matches in the order the expression would try them, and the first combination that reaches the
 * end wins. Each part has at most a handful of candidates, so the search is small and bounded.
 */
final class PypiVersionScheme implements VersionScheme {
  private static final List<String> PRE_LETTERS =
      List.of("alpha", "a", "beta", "b", "preview", "pre", "c", "rc");
  private static final List<String> POST_LETTERS = List.of("post", "rev", "r");
  private static final List<String> DEV_LETTERS = List.of("dev");

  /** One way an optional part can match: where it ends, its letter and number (or null). */
  record Part(int end, @Nullable String letter, @Nullable String number) {}

  /** A parsed, normalised version. */
  record Parsed(
      String epoch,
      List<String> release,
      @Nullable String preLetter,
      @Nullable String preNumber,
      @Nullable String post,
      @Nullable String dev,
      @Nullable List<String> local) {}

  @Override
  public String ecosystem() {
    return "PyPI";
  }

  @Override
  public int compare(String left, String right) {
    return Integer.signum(compareParsed(parse(left), parse(right)));
  }

  Parsed parse(String version) {
    if (version.length() > VersionText.MAX_LENGTH) {
      throw invalid(version, "it is longer than " + VersionText.MAX_LENGTH + " characters");
    }
    String text = version.strip();
    VersionText.requirePrintable("PyPI", text);
    text = text.toLowerCase(Locale.ROOT);
    int pos = text.startsWith("v") ? 1 : 0;
    String epoch = "0";
    int digits = digitsEnd(text, pos);
    if (digits > pos && digits < text.length() && text.charAt(digits) == '!') {
      epoch = text.substring(pos, digits);
      pos = digits + 1;
    }
    List<String> release = new ArrayList<>();
    int end = digitsEnd(text, pos);
    if (end == pos) {
      throw invalid(version, "expected a release number like 1.0 (after an optional N! epoch)");
    }
    release.add(text.substring(pos, end));
    pos = end;
    while (pos + 1 < text.length()
        && text.charAt(pos) == '.'
        && VersionText.isDigit(text.charAt(pos + 1))) {
      end = digitsEnd(text, pos + 1);
      release.add(text.substring(pos + 1, end));
      pos = end;
    }
    for (Part pre : parts(text, pos, PRE_LETTERS, false)) {
      for (Part post : parts(text, pre.end(), POST_LETTERS, true)) {
        for (Part dev : parts(text, post.end(), DEV_LETTERS, false)) {
          List<String> local = local(text, dev.end());
          if (local != null) {
            return new Parsed(
                epoch,
                release,
                normalisePre(pre.letter()),
                pre.letter() == null ? null : zeroIfNull(pre.number()),
                post.letter() == null ? null : zeroIfNull(post.number()),
                dev.letter() == null ? null : zeroIfNull(dev.number()),
                local.isEmpty() ? null : local);
          }
        }
      }
    }
    throw invalid(
        version, "expected [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local] as PEP 440 describes");
  }

  private static InvalidVersionException invalid(String version, String expectation) {
    return new InvalidVersionException("PyPI", version, expectation);
  }

  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && VersionText.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSeparator(String s, int i) {
    return i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '_' || s.charAt(i) == '.');
  }

  /**
   * The candidate matches of {@code [-_.]?(letters)[-_.]?([0-9]+)?}, optional as a whole, in the
   * order a backtracking regex engine tries them; for post-releases {@code -N} comes first.
   */
  private static List<Part> parts(String s, int pos, List<String> letters, boolean post) {
    List<Part> out = new ArrayList<>();
    if (post && pos < s.length() && s.charAt(pos) == '-') {
      int end = digitsEnd(s, pos + 1);
      if (end > pos + 1) {
        out.add(new Part(end, "post", s.substring(pos + 1, end)));
      }
    }
    List<Integer> starts = isSeparator(s, pos) ? List.of(pos + 1, pos) : List.of(pos);
    for (int start : starts) {
      for (String letter : letters) {
        if (!s.startsWith(letter, start)) {
          continue;
        }
        int afterLetter = start + letter.length();
        List<Integer> numberStarts =
            isSeparator(s, afterLetter)
                ? List.of(afterLetter + 1, afterLetter)
                : List.of(afterLetter);
        for (int numberStart : numberStarts) {
          int end = digitsEnd(s, numberStart);
          if (end > numberStart) {
            out.add(new Part(end, letter, s.substring(numberStart, end)));
          }
          out.add(new Part(numberStart, letter, null));
        }
      }
    }
    out.add(new Part(pos, null, null));
    return out;
  }

  /**
   * The local label from {@code pos} to the end, split into lower-case segments; empty when there
   * is none, null when the rest of the text is not a valid local label.
   */
  private static @Nullable List<String> local(String s, int pos) {
    if (pos == s.length()) {
      return List.of();
    }
    if (s.charAt(pos) != '+') {
      return null;
    }
    List<String> segments = new ArrayList<>();
    int start = pos + 1;
    for (int i = start; i <= s.length(); i++) {
      if (i == s.length() || isSeparator(s, i)) {
        if (i == start) {
          return null;
        }
        segments.add(s.substring(start, i));
        start = i + 1;
      } else if (!VersionText.isAlnum(s.charAt(i))) {
        return null;
      }
    }
    return segments;
  }

  private static @Nullable String normalisePre(@Nullable String letter) {
    if (letter == null) {
      return null;
    }
    return switch (letter) {
      case "alpha", "a" -> "a";
      case "beta", "b" -> "b";
      default -> "rc";
    };
  }

  private static String zeroIfNull(@Nullable String number) {
    return number == null ? "0" : number;
  }

  static int compareParsed(Parsed a, Parsed b) {
    int c = VersionText.compareDigits(a.epoch(), b.epoch());
    if (c == 0) {
      c = compareRelease(a.release(), b.release());
    }
    if (c == 0) {
      c = Integer.compare(preRank(a), preRank(b));
    }
    if (c == 0 && a.preLetter() != null && b.preLetter() != null) {
      c = a.preLetter().compareTo(b.preLetter());
      if (c == 0) {
        c = VersionText.compareDigits(nonNull(a.preNumber()), nonNull(b.preNumber()));
      }
    }
    if (c == 0) {
      c = compareOptional(a.post(), b.post(), -1);
    }
    if (c == 0) {
      c = compareOptional(a.dev(), b.dev(), 1);
    }
    if (c == 0) {
      c = compareLocal(a.local(), b.local());
    }
    return c;
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "0" : s;
  }

  /** 0: a lone dev-release (before every pre-release), 1: a pre-release, 2: no pre-release. */
  private static int preRank(Parsed p) {
    if (p.preLetter() != null) {
      return 1;
    }
    return p.post() == null && p.dev() != null ? 0 : 2;
  }

  private static int compareRelease(List<String> a, List<String> b) {
    int la = significant(a);
    int lb = significant(b);
    for (int i = 0; i < Math.min(la, lb); i++) {
      int c = VersionText.compareDigits(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(la, lb);
  }

  /** The release's length without trailing zeros (1.0.0 orders as 1). */
  private static int significant(List<String> release) {
    int n = release.size();
    while (n > 0 && VersionText.compareDigits(release.get(n - 1), "0") == 0) {
      n--;
    }
    return n;
  }

  /** Compares optional numbers; {@code missing} is where an absent one sorts (-1 first, 1 last). */
  private static int compareOptional(@Nullable String a, @Nullable String b, int missing) {
    if (a == null || b == null) {
      if (a == null && b == null) {
        return 0;
      }
      return a == null ? missing : -missing;
    }
    return VersionText.compareDigits(a, b);
  }

  private static int compareLocal(@Nullable List<String> a, @Nullable List<String> b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = VersionText.allDigits(x);
      boolean yNum = VersionText.allDigits(y);
      int c;
      if (xNum && yNum) {
        c = VersionText.compareDigits(x, y);
      } else if (xNum != yNum) {
        c = xNum ? 1 : -1;
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
