package dev.drydock.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises credentials in image metadata by name and by shape, and says only what kind was found:
 * callers must never echo a matched value. Every pattern has bounded quantifiers and input is cut
 * to {@link #MAX_TEXT} characters, so matching stays linear in practice.
 */
final class ImageLintSecrets {
  /** The most characters of one env entry, label or history line that are examined. */
  static final int MAX_TEXT = 64 * 1024;

  /** A value shape and the words used for it in evidence. */
  private record Shape(String kind, Pattern pattern) {}

  private static final List<Shape> VALUE_SHAPES =
      List.of(
          new Shape("an AWS access key ID", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Shape(
              "a PEM private key",
              Pattern.compile("-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY( BLOCK)?-----")),
          new Shape(
              "a GitHub token",
              Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\\w{22,255})")),
          new Shape("a Slack token", Pattern.compile("\\bxox[bpars]-[A-Za-z0-9-]{10,250}")),
          new Shape(
              "a URL with embedded credentials",
              Pattern.compile("\\b[a-z][a-z0-9+.-]{1,20}://[^/\\s:@]{1,200}:[^/\\s@]{1,200}@")));

  /** Command-line shapes that only make sense in build history. */
  private static final List<Shape> COMMAND_SHAPES =
      List.of(
          new Shape(
              "a --password argument",
              Pattern.compile("--password(?:=|\\s{1,10})[^\\s$-][^\\s]{0,200}")),
          new Shape(
              "a MySQL -p password argument",
              Pattern.compile("\\bmysql(?:admin|dump)?\\b[^|;&\\n]{0,500}?\\s-p[^\\s$]")),
          new Shape(
              "an Authorization header",
              Pattern.compile(
                  "(?i)\\bauthorization:\\s{0,10}(?:bearer|basic|token)?\\s{0,10}\\S")));

  /** Name words that mark a secret when a name segment equals or ends with them. */
  private static final List<String> SECRET_WORDS =
      List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS");

  /** Adjacent name segments that mark a secret, e.g. {@code API_KEY}, {@code AWS_SECRET}. */
  private static final List<String> SECRET_PAIRS =
      List.of("API_KEY", "PRIVATE_KEY", "ACCESS_KEY", "SECRET_KEY", "AUTH_KEY");

  /** Final name segments that say the variable holds a location, not the secret itself. */
  private static final List<String> HARMLESS_SUFFIXES =
      List.of("FILE", "PATH", "DIR", "LOCATION", "ENV", "ENABLED", "LENGTH", "TTL", "EXPIRY");

  private ImageLintSecrets() {}

  /** {@return whether a variable or label name suggests that its value is a secret} */
  static boolean secretName(String name) {
    String norm = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    String[] segs = norm.split("_", 64);
    List<String> parts = new ArrayList<>();
    for (String s : segs) {
      if (!s.isEmpty()) {
        parts.add(s);
      }
    }
    if (parts.isEmpty() || HARMLESS_SUFFIXES.contains(parts.getLast())) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      for (String w : SECRET_WORDS) {
        if (p.endsWith(w)) {
          return true;
        }
      }
      if (i + 1 < parts.size() && SECRET_PAIRS.contains(p + "_" + parts.get(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** {@return what kind of credential the value looks like, if any} */
  static Optional<String> valueKind(String value) {
    return firstMatch(VALUE_SHAPES, cap(value));
  }

  /** {@return what kind of credential a build command holds, if any} */
  static Optional<String> commandKind(String line) {
    String text = cap(line);
    Optional<String> v = firstMatch(VALUE_SHAPES, text);
    return v.isPresent() ? v : firstMatch(COMMAND_SHAPES, text);
  }

  static String cap(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
  }

  /** {@return a name cut to a printable length with control characters replaced} */
  static String printable(String name) {
    String n = name.length() > 120 ? name.substring(0, 120) + "..." : name;
    return n.replaceAll("\\p{Cntrl}", "?");
  }

  private static Optional<String> firstMatch(List<Shape> shapes, String text) {
    for (Shape s : shapes) {
      if (s.pattern().matcher(text).find()) {
        return Optional.of(s.kind());
      }
    }
    return Optional.empty();
  }
}
