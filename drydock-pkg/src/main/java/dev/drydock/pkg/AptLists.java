package dev.drydock.pkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads apt's downloaded indices in {@code var/lib/apt/lists}: each {@code *_Packages} list (plain,
 * {@code .gz} or {@code .lz4}) and the {@code *_InRelease}/{@code *_Release} file of its suite,
 * which says whether the suite is a security one (<a
 * href="https://wiki.debian.org/DebianRepository/Format">Debian repository format</a>).
 */
final class AptLists {
  static final String DIR = "var/lib/apt/lists";
  private static final int MAX_FILES = 10_000;
  private static final Set<String> RELEASE_FIELDS = Set.of("origin", "label", "suite", "codename");
  private static final Set<String> PACKAGE_FIELDS = Set.of("package", "version", "architecture");

  /** A suite of an archive, e.g. {@code bookworm-security}. */
  record Suite(String name, boolean security) {}

  /** One version of one package that a list offers. */
  record Offer(String version, String architecture, Suite suite) {}

  private AptLists() {}

  /**
   * Reads the offers for the named packages.
   *
   * @param read receives each file that was read
   * @param skipped receives a note for each list that could not be used
   */
  static Map<String, List<Offer>> offers(
      Path root, Set<String> names, List<Path> read, List<String> skipped)
      throws PackageDatabaseException {
    Path dir = RootPaths.resolve(root, DIR);
    Map<String, List<Offer>> offers = new HashMap<>();
    if (!Files.isDirectory(dir)) {
      return offers;
    }
    Map<Path, String> lists = new java.util.LinkedHashMap<>();
    Map<String, Suite> suites = new HashMap<>();
    for (Path found : listing(dir)) {
      Path file = RootPaths.resolveFound(root, found);
      String n = found.getFileName().toString();
      if (!Files.isRegularFile(file)) {
        continue;
      }
      if (n.endsWith("_InRelease") || n.endsWith("_Release")) {
        String prefix = n.substring(0, n.lastIndexOf('_'));
        if (!suites.containsKey(prefix) || n.endsWith("_InRelease")) {
          suites.put(prefix, suite(file, prefix));
        }
      } else if (n.matches(".*_Packages(\\.lz4|\\.gz)?")) {
        lists.put(file, n);
      } else if (n.matches(".*_Packages\\.(xz|bz2|lzma|zst)")) {
        skipped.add(n + " (compression not supported; set Acquire::GzipIndexes or none)");
      }
    }
    for (Map.Entry<Path, String> entry : lists.entrySet()) {
      Path list = entry.getKey();
      Suite suite = suiteOf(entry.getValue(), suites);
      read.add(list);
      try (BufferedReader in = IndexFiles.reader(IndexFiles.decoded(list))) {
        Stanzas.read(
            in,
            list,
            PACKAGE_FIELDS,
            (fields, line) -> {
              String name = fields.get("package");
              String version = fields.get("version");
              if (name != null && version != null && names.contains(name)) {
                offers
                    .computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new Offer(version, fields.getOrDefault("architecture", ""), suite));
              }
            });
      } catch (IOException e) {
        throw new PackageDatabaseException(list, "", "cannot be read: " + e.getMessage(), e);
      }
    }
    return offers;
  }

  /** The list belongs to the Release file with the longest name prefix (the lists' naming rule). */
  private static Suite suiteOf(String listName, Map<String, Suite> suites) {
    String best = "";
    for (String prefix : suites.keySet()) {
      if (listName.startsWith(prefix + "_") && prefix.length() > best.length()) {
        best = prefix;
      }
    }
    Suite s = suites.get(best);
    if (s != null) {
      return s;
    }
    // No Release file: guess from the file name (".._dists_bookworm-security_main_..").
    int dists = listName.indexOf("_dists_");
    String name = dists < 0 ? listName : listName.substring(dists + 7).split("_", -1)[0];
    return new Suite(name, name.endsWith("-security"));
  }

  static Suite suite(Path file, String prefix) throws PackageDatabaseException {
    String text = stripSignature(BoundedFiles.readText(file, BoundedFiles.MAX_DATABASE_BYTES));
    Map<String, String> found = new HashMap<>();
    Stanzas.parse(
        text,
        file,
        RELEASE_FIELDS,
        (fields, line) -> {
          if (found.isEmpty()) {
            found.putAll(fields);
          }
        });
    String suite = found.getOrDefault("suite", "");
    String codename = found.getOrDefault("codename", "");
    String label = found.getOrDefault("label", "").toLowerCase(Locale.ROOT);
    String origin = found.getOrDefault("origin", "").toLowerCase(Locale.ROOT);
    boolean security =
        suite.endsWith("-security")
            || codename.endsWith("-security")
            || label.contains("security")
            || origin.contains("security");
    String name = !codename.isBlank() ? codename : !suite.isBlank() ? suite : prefix;
    return new Suite(name, security);
  }

  /** InRelease is an OpenPGP clear-signed message (RFC 4880 section 7); keep the signed text. */
  static String stripSignature(String text) {
    if (!text.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean body = false;
    for (String line : text.split("\n", -1)) {
      if (!body) {
        body = line.isBlank(); // armor headers (Hash: ...) end at the first blank line
        continue;
      }
      if (line.startsWith("-----BEGIN PGP SIGNATURE-----")) {
        break;
      }
      out.append(line.startsWith("- ") ? line.substring(2) : line).append('\n');
    }
    return out.toString();
  }

  private static List<Path> listing(Path dir) throws PackageDatabaseException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        files.add(p);
        if (files.size() > MAX_FILES) {
          throw new PackageDatabaseException(dir, "", "holds more than 10000 files.");
        }
      }
    } catch (IOException e) {
      throw new PackageDatabaseException(dir, "", "cannot be listed: " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  static @Nullable Offer best(List<Offer> offers, java.util.Comparator<String> order) {
    Offer best = null;
    for (Offer o : offers) {
      if (best == null
          || order.compare(o.version(), best.version()) > 0
          || (order.compare(o.version(), best.version()) == 0 && o.suite().security())) {
        best = o;
      }
    }
    return best;
  }
}
