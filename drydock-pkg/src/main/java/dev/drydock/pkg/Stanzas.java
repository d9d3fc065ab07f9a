package dev.drydock.pkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Debian control-file stanzas (deb822: {@code Field: value} lines, continuation lines that
 * start with white space, stanzas separated by blank lines), as used by the dpkg status database
 * and apt's {@code Packages} and {@code Release} indices. Streams, keeping only the wanted fields,
 * so that a 50 MB {@code Packages} index is never held as objects.
 */
final class Stanzas {
  /** No real stanza has more; a cap against a crafted file of one endless stanza. */
  static final int MAX_FIELDS = 1_000;

  static final int MAX_LINE = 1 << 20;

  private Stanzas() {}

  /** Receives each stanza: its fields (names lower-case) and its first line number. */
  @FunctionalInterface
  interface Sink {
    void accept(Map<String, String> fields, int line) throws PackageDatabaseException;
  }

  static void parse(String text, Path file, Set<String> wanted, Sink sink)
      throws PackageDatabaseException {
    try {
      read(new BufferedReader(new StringReader(text)), file, wanted, sink);
    } catch (IOException e) {
      throw new PackageDatabaseException(file, "", "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every stanza from {@code in}.
   *
   * @param wanted lower-case field names to keep; an empty set keeps all
   */
  static void read(BufferedReader in, Path file, Set<String> wanted, Sink sink)
      throws IOException, PackageDatabaseException {
    Map<String, String> fields = new HashMap<>();
    @org.jspecify.annotations.Nullable String current = null;
    int stanzaLine = 0;
    int lineNo = 0;
    int fieldCount = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.length() > MAX_LINE) {
        throw new PackageDatabaseException(file, "line " + lineNo, "is longer than 1 MiB.");
      }
      if (line.isBlank()) {
        if (fieldCount > 0) {
          sink.accept(fields, stanzaLine);
        }
        fields = new HashMap<>();
        current = null;
        fieldCount = 0;
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (fieldCount == 0) {
          throw new PackageDatabaseException(
              file, "line " + lineNo, "a continuation line starts a stanza.");
        }
        if (current != null) {
          fields.merge(current, "\n" + line.substring(1), String::concat);
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new PackageDatabaseException(
            file, "line " + lineNo, "expected 'Field: value', found '" + clip(line) + "'.");
      }
      if (fieldCount == 0) {
        stanzaLine = lineNo;
      }
      if (++fieldCount > MAX_FIELDS) {
        throw new PackageDatabaseException(
            file, "line " + lineNo, "a stanza has more than " + MAX_FIELDS + " fields.");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      current = wanted.isEmpty() || wanted.contains(name) ? name : null;
      if (current != null) {
        fields.put(current, line.substring(colon + 1).strip());
      }
    }
    if (fieldCount > 0) {
      sink.accept(fields, stanzaLine);
    }
  }

  static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
