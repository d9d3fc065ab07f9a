package dev.drydock.pkg;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the shell-compatible assignments of os-release(5): variable names of letters, digits and
 * underscores; values unquoted, or in single quotes (literal), or double quotes (where {@code \}
 * escapes {@code $ " \ `}); {@code \} in unquoted text escapes the next character.
 */
final class OsReleaseParser {
  private static final int MAX_LINES = 10_000;

  private OsReleaseParser() {}

  static Map<String, String> parse(String text, Path file) throws PackageDatabaseException {
    Map<String, String> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    if (lines.length > MAX_LINES) {
      throw new PackageDatabaseException(file, "", "has more than " + MAX_LINES + " lines.");
    }
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = "line " + (i + 1);
      if (eq <= 0 || !line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new PackageDatabaseException(
            file,
            where,
            "expected KEY=value as os-release(5) defines, found '" + clip(line) + "'.");
      }
      fields.put(line.substring(0, eq), unquote(line.substring(eq + 1), file, where));
    }
    return fields;
  }

  private static String unquote(String raw, Path file, String where)
      throws PackageDatabaseException {
    StringBuilder out = new StringBuilder(raw.length());
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (c == '\\') {
        if (i + 1 >= raw.length()) {
          throw new PackageDatabaseException(file, where, "ends in a lone backslash.");
        }
        char next = raw.charAt(++i);
        if (quote == '"' && "$\"\\`".indexOf(next) < 0) {
          out.append('\\');
        }
        out.append(next);
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (Character.isWhitespace(c)) {
        throw new PackageDatabaseException(
            file, where, "has unquoted white space in a value; quote the value.");
      } else {
        out.append(c);
      }
    }
    if (quote != 0) {
      throw new PackageDatabaseException(file, where, "has an unterminated " + quote + " quote.");
    }
    return out.toString();
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
