package dev.drydock.pkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the apk installed database ({@code lib/apk/db/installed}, also {@code
 * usr/lib/apk/db/installed} on newer apk-tools): stanzas of one-letter {@code X:value} lines
 * separated by blank lines (<a href="https://wiki.alpinelinux.org/wiki/Apk_spec">apk spec</a>):
 * {@code P} name, {@code V} version, {@code A} arch, {@code o} origin (the source package), {@code
 * m} maintainer, {@code I} installed size, {@code F} a directory and {@code R} a file in the last
 * {@code F} directory.
 */
public final class ApkDatabase {
  static final List<String> LOCATIONS = List.of("lib/apk/db/installed", "usr/lib/apk/db/installed");
  private static final int MAX_FILES_PER_PACKAGE = 1_000_000;

  private ApkDatabase() {}

  /** {@return the installed database of the root, or null when it has none} */
  static @org.jspecify.annotations.Nullable Path locate(Path root) throws PackageDatabaseException {
    for (String location : LOCATIONS) {
      Path file = RootPaths.resolve(root, location);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  /**
   * Reads every installed package.
   *
   * @param ecosystem the OSV ecosystem to stamp on each package, e.g. {@code Alpine:v3.10}
   * @throws PackageDatabaseException naming the file and line of a malformed entry
   */
  public static List<InstalledPackage> read(Path root, String ecosystem)
      throws PackageDatabaseException {
    Path file = locate(root);
    if (file == null) {
      return List.of();
    }
    byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_DATABASE_BYTES);
    return parse(new String(bytes, StandardCharsets.UTF_8), file, ecosystem);
  }

  static List<InstalledPackage> parse(String text, Path file, String ecosystem)
      throws PackageDatabaseException {
    List<InstalledPackage> out = new ArrayList<>();
    Entry entry = new Entry();
    int lineNo = 0;
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          entry.finish(out, file, ecosystem);
          entry = new Entry();
          continue;
        }
        if (line.length() < 2 || line.charAt(1) != ':') {
          throw new PackageDatabaseException(
              file, "line " + lineNo, "expected 'X:value', found '" + Stanzas.clip(line) + "'.");
        }
        entry.add(line.charAt(0), line.substring(2), file, lineNo);
      }
    } catch (IOException e) {
      throw new PackageDatabaseException(file, "", "cannot be read: " + e.getMessage(), e);
    }
    entry.finish(out, file, ecosystem);
    return out;
  }

  /** One package's lines as they arrive. */
  private static final class Entry {
    private final Map<Character, String> fields = new HashMap<>();
    private final List<String> files = new ArrayList<>();
    private String dir = "";
    private int line;

    void add(char key, String value, Path file, int lineNo) throws PackageDatabaseException {
      if (fields.isEmpty() && files.isEmpty()) {
        line = lineNo;
      }
      switch (key) {
        case 'F' -> dir = value;
        case 'R' -> {
          if (files.size() >= MAX_FILES_PER_PACKAGE) {
            throw new PackageDatabaseException(
                file, "line " + lineNo, "a package lists more than a million files.");
          }
          files.add("/" + (dir.isEmpty() ? "" : dir + "/") + value);
        }
        default -> fields.putIfAbsent(key, value);
      }
    }

    void finish(List<InstalledPackage> out, Path file, String ecosystem)
        throws PackageDatabaseException {
      if (fields.isEmpty() && files.isEmpty()) {
        return;
      }
      String name = fields.getOrDefault('P', "");
      String version = fields.getOrDefault('V', "");
      if (name.isBlank() || version.isBlank()) {
        throw new PackageDatabaseException(
            file, "line " + line, "an entry lacks its P: name or V: version.");
      }
      String origin = fields.getOrDefault('o', "");
      long size = -1;
      String sizeText = fields.getOrDefault('I', "");
      if (sizeText.matches("\\d{1,15}")) {
        size = Long.parseLong(sizeText);
      }
      out.add(
          new InstalledPackage(
              PackageType.APK,
              ecosystem,
              name,
              version,
              fields.getOrDefault('A', ""),
              origin.isBlank() ? name : origin,
              version,
              fields.getOrDefault('m', ""),
              size,
              files));
    }
  }
}
