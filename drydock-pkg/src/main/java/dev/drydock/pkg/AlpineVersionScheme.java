package dev.drydock.pkg;

/**
 * Alpine package versions ({@code digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}}), ordered as
 * apk-tools does (its {@code src/version.c}; the assertions of its {@code test/unit/version.data}
 * are this class's oracle). Also serves Wolfi, Chainguard and MinimOS, which use apk.
 *
 * <p>Both texts are read as a stream of typed tokens and compared token by token while the types
 * agree: the initial number and numbers after {@code .} numerically (but as strings when either has
 * a leading zero), a letter by its character, suffixes in the order {@code _alpha < _beta < _pre <
 * _rc < (none) < _cvs < _svn < _git < _hg < _p}, suffix numbers and the {@code -r} revision
 * numerically, a {@code ~} commit hash as a string. When the types first differ, a pre-release
 * suffix makes its side older; otherwise the side whose token type comes earlier in that list of
 * types (digit, letter, suffix, suffix number, hash, revision, end) is newer.
 *
 * <p>apk itself also compares texts it considers invalid (up to the first bad token); {@link
 * #compare} rejects them instead, {@link #compareLeniently} keeps apk's behaviour.
 */
final class AlpineVersionScheme implements VersionScheme {
  // Token types in apk's order; the order decides comparisons between different types.
  static final int INITIAL_DIGIT = 0;
  static final int DIGIT = 1;
  static final int LETTER = 2;
  static final int SUFFIX = 3;
  static final int SUFFIX_NO = 4;
  static final int COMMIT_HASH = 5;
  static final int REVISION_NO = 6;
  static final int END = 7;
  static final int INVALID = 8;

  // Suffix ranks; pre-release suffixes rank below NONE.
  private static final int SUFFIX_INVALID = 0;
  private static final int SUFFIX_NONE = 5;

  private final String ecosystem;

  AlpineVersionScheme(String ecosystem) {
    this.ecosystem = ecosystem;
  }

  @Override
  public String ecosystem() {
    return ecosystem;
  }

  @Override
  public boolean isValid(String version) {
    try {
      validate(version);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }

  @Override
  public int compare(String left, String right) {
    validate(left);
    validate(right);
    return compareLeniently(left, right);
  }

  void validate(String version) {
    VersionText.requirePrintable(ecosystem, version);
    Tokenizer t = new Tokenizer(version);
    t.first();
    while (t.token < END) {
      t.next();
    }
    if (t.token != END) {
      throw new InvalidVersionException(
          ecosystem,
          version,
          "expected digits{.digits}[letter]{_alpha|_beta|_pre|_rc|_cvs|_svn|_git|_hg|_p[digits]}"
              + "[~hexhash][-r<digits>] (invalid at index "
              + t.start
              + ")");
    }
  }

  /**
   * Compares as apk does, including texts apk would call invalid: the comparison stops at the first
   * invalid token. Bounded by the caller: texts longer than {@link VersionText#MAX_LENGTH} are
   * rejected.
   */
  int compareLeniently(String left, String right) {
    if (left.length() > VersionText.MAX_LENGTH || right.length() > VersionText.MAX_LENGTH) {
      throw new InvalidVersionException(
          ecosystem,
          left.length() > right.length() ? left : right,
          "it is longer than " + VersionText.MAX_LENGTH + " characters");
    }
    Tokenizer a = new Tokenizer(left);
    Tokenizer b = new Tokenizer(right);
    a.first();
    b.first();
    while (a.token == b.token && a.token < END) {
      int c = tokenCompare(a, b);
      if (c != 0) {
        return c;
      }
      a.next();
      b.next();
    }
    if (a.token == b.token) {
      return 0;
    }
    if (a.token == SUFFIX && a.suffix < SUFFIX_NONE) {
      return -1;
    }
    if (b.token == SUFFIX && b.suffix < SUFFIX_NONE) {
      return 1;
    }
    return a.token > b.token ? -1 : 1;
  }

  private static int tokenCompare(Tokenizer a, Tokenizer b) {
    return switch (a.token) {
      case DIGIT -> {
        if (a.text.charAt(a.start) == '0' || b.text.charAt(b.start) == '0') {
          // A leading zero on either side: compare as strings (as Gentoo does).
          yield stringCompare(a, b);
        }
        yield Long.compareUnsigned(a.number, b.number);
      }
      case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> Long.compareUnsigned(a.number, b.number);
      case LETTER -> Integer.compare(a.text.charAt(a.start), b.text.charAt(b.start));
      case SUFFIX -> Integer.compare(a.suffix, b.suffix);
      default -> stringCompare(a, b);
    };
  }

  /** apk's blob sort: bytes of the common length, then the shorter first. */
  private static int stringCompare(Tokenizer a, Tokenizer b) {
    int la = a.end - a.start;
    int lb = b.end - b.start;
    for (int k = 0; k < Math.min(la, lb); k++) {
      int c = Character.compare(a.text.charAt(a.start + k), b.text.charAt(b.start + k));
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    return Integer.compare(la, lb);
  }

  static int suffixRank(String s) {
    return switch (s) {
      case "alpha" -> 1;
      case "beta" -> 2;
      case "pre" -> 3;
      case "rc" -> 4;
      case "cvs" -> 6;
      case "svn" -> 7;
      case "git" -> 8;
      case "hg" -> 9;
      case "p" -> 10;
      default -> SUFFIX_INVALID;
    };
  }

  /** Reads one token at a time, as apk's {@code token_next}. */
  static final class Tokenizer {
    final String text;
    int pos;
    int token;
    int suffix;
    long number;
    int start;
    int end;

    Tokenizer(String text) {
      this.text = text;
    }

    void first() {
      token = INITIAL_DIGIT;
      digits();
    }

    /** Reads a digit run as an unsigned 64-bit number that wraps on overflow, as apk does. */
    private void digits() {
      start = pos;
      long n = 0;
      while (pos < text.length() && VersionText.isDigit(text.charAt(pos))) {
        n = n * 10 + (text.charAt(pos) - '0');
        pos++;
      }
      end = pos;
      number = n;
      if (end == start) {
        token = INVALID;
      }
    }

    void next() {
      if (pos >= text.length()) {
        token = END;
        return;
      }
      char c = text.charAt(pos);
      if (c >= 'a' && c <= 'z') {
        letter();
      } else if (c == '.' || VersionText.isDigit(c)) {
        dotOrDigits(c);
      } else if (c == '_') {
        suffix();
      } else if (c == '~') {
        hash();
      } else if (c == '-') {
        revision();
      } else {
        token = INVALID;
      }
    }

    private void letter() {
      if (token > DIGIT) {
        token = INVALID;
        return;
      }
      start = pos;
      end = pos + 1;
      pos++;
      token = LETTER;
    }

    private void dotOrDigits(char c) {
      if (c == '.') {
        if (token > DIGIT) {
          token = INVALID;
          return;
        }
        pos++;
      }
      switch (token) {
        case INITIAL_DIGIT, DIGIT -> token = DIGIT;
        case SUFFIX -> token = SUFFIX_NO;
        default -> {
          token = INVALID;
          return;
        }
      }
      digits();
    }

    private void suffix() {
      if (token > SUFFIX_NO) {
        token = INVALID;
        return;
      }
      pos++;
      start = pos;
      while (pos < text.length() && text.charAt(pos) >= 'a' && text.charAt(pos) <= 'z') {
        pos++;
      }
      end = pos;
      suffix = suffixRank(text.substring(start, end));
      token = suffix == SUFFIX_INVALID ? INVALID : SUFFIX;
    }

    private void hash() {
      if (token >= COMMIT_HASH) {
        token = INVALID;
        return;
      }
      pos++;
      start = pos;
      while (pos < text.length() && isLowerHex(text.charAt(pos))) {
        pos++;
      }
      end = pos;
      token = end == start ? INVALID : COMMIT_HASH;
    }

    private void revision() {
      if (token >= REVISION_NO || !text.startsWith("-r", pos)) {
        token = INVALID;
        return;
      }
      pos += 2;
      token = REVISION_NO;
      digits();
    }

    private static boolean isLowerHex(char c) {
      return VersionText.isDigit(c) || (c >= 'a' && c <= 'f');
    }
  }
}
