package dev.drydock.pkg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dpkg database of a root filesystem: {@code var/lib/dpkg/status} (only packages whose
 * {@code Status} is {@code install ok installed}, as {@code dpkg-query -W} counts them) and the
 * distroless {@code var/lib/dpkg/status.d/*} (one stanza file per package, no {@code Status}), with
 * each package's owned files from {@code var/lib/dpkg/info/<name>[:<arch>].list}.
 */
public final class DpkgDatabase {
  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_D = "var/lib/dpkg/status.d";
  private static final String INFO = "var/lib/dpkg/info";
  private static final int MAX_STATUS_D_FILES = 100_000;
  private static final Set<String> FIELDS =
      Set.of(
          "package", "status", "version", "architecture", "source", "maintainer", "installed-size");

  /** {@code Source: name} or {@code Source: name (version)}, deb-src-control(5). */
  private static final Pattern SOURCE = Pattern.compile("([^\\s(]+)\\s*(?:\\((\\S+)\\))?");

  /**
   * Package and architecture names (deb-control(5) allows lower-case letters, digits, + - .); kept
   * free of path separators because they name files under {@code info/}.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+.\\-_]{0,200}");

  private DpkgDatabase() {}

  /**
   * Reads every installed package.
   *
   * @param ecosystem the OSV ecosystem to stamp on each package, e.g. {@code Debian:12}
   * @throws PackageDatabaseException naming the file and line of a malformed stanza
   */
  public static List<InstalledPackage> read(Path root, String ecosystem)
      throws PackageDatabaseException {
    List<InstalledPackage> out = new ArrayList<>();
    Path status = RootPaths.resolve(root, STATUS);
    byte[] bytes = BoundedFiles.readIfExists(status, BoundedFiles.MAX_DATABASE_BYTES);
    if (bytes != null) {
      out.addAll(
          parse(
              new String(bytes, java.nio.charset.StandardCharsets.UTF_8), status, ecosystem, true));
    }
    Path statusD = RootPaths.resolve(root, STATUS_D);
    if (Files.isDirectory(statusD)) {
      for (Path file : statusDFiles(root, statusD)) {
        out.addAll(
            parse(
                BoundedFiles.readText(file, BoundedFiles.MAX_SMALL_BYTES), file, ecosystem, false));
      }
    }
    List<InstalledPackage> withFiles = new ArrayList<>(out.size());
    for (InstalledPackage p : out) {
      withFiles.add(withFiles(root, p));
    }
    return withFiles;
  }

  /**
   * Parses status text.
   *
   * @param requireInstalled true for the status file (skip removed or half-installed packages);
   *     false for status.d, whose stanzas carry no {@code Status}
   */
  static List<InstalledPackage> parse(
      String text, Path file, String ecosystem, boolean requireInstalled)
      throws PackageDatabaseException {
    List<InstalledPackage> out = new ArrayList<>();
    Stanzas.parse(
        text,
        file,
        FIELDS,
        (fields, line) -> {
          String status = fields.get("status");
          if (requireInstalled && (status == null || !isInstalled(status))) {
            return;
          }
          out.add(toPackage(fields, file, line, ecosystem));
        });
    return out;
  }

  /** dpkg(1): the want flag may be anything (hold, deinstall), the state must be installed. */
  static boolean isInstalled(String status) {
    String[] words = status.strip().split("\\s+", -1);
    return words.length == 3 && words[1].equals("ok") && words[2].equals("installed");
  }

  private static InstalledPackage toPackage(
      java.util.Map<String, String> fields, Path file, int line, String ecosystem)
      throws PackageDatabaseException {
    String name = fields.getOrDefault("package", "");
    String version = fields.getOrDefault("version", "");
    String arch = fields.getOrDefault("architecture", "");
    if (!NAME.matcher(name).matches() || version.isBlank() || version.contains(" ")) {
      throw new PackageDatabaseException(
          file, "line " + line, "a stanza lacks a valid Package or Version field.");
    }
    if (!arch.isEmpty() && !NAME.matcher(arch).matches()) {
      throw new PackageDatabaseException(
          file, "line " + line, "invalid Architecture '" + Stanzas.clip(arch) + "'.");
    }
    String sourceName = name;
    String sourceVersion = version;
    String source = fields.get("source");
    if (source != null && !source.isBlank()) {
      Matcher m = SOURCE.matcher(source.strip());
      if (!m.matches()) {
        throw new PackageDatabaseException(
            file, "line " + line, "malformed Source field '" + Stanzas.clip(source) + "'.");
      }
      sourceName = m.group(1);
      String v = m.group(2);
      if (v != null) {
        sourceVersion = v;
      }
    }
    long size = -1;
    String sizeText = fields.get("installed-size");
    if (sizeText != null && sizeText.matches("\\d{1,12}")) {
      size = Long.parseLong(sizeText) * 1024; // dpkg records KiB, deb-control(5)
    }
    return new InstalledPackage(
        PackageType.DEB,
        ecosystem,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        fields.getOrDefault("maintainer", ""),
        size,
        List.of());
  }

  private static List<Path> statusDFiles(Path root, Path dir) throws PackageDatabaseException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        // Newer distroless images put <pkg>.md5sums beside each <pkg> stanza file.
        Path real = RootPaths.resolveFound(root, p);
        if (Files.isRegularFile(real) && !n.endsWith(".md5sums") && !n.startsWith(".")) {
          files.add(real);
        }
        if (files.size() > MAX_STATUS_D_FILES) {
          throw new PackageDatabaseException(dir, "", "holds more than 100000 files.");
        }
      }
    } catch (IOException e) {
      throw new PackageDatabaseException(dir, "", "cannot be listed: " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  private static InstalledPackage withFiles(Path root, InstalledPackage p)
      throws PackageDatabaseException {
    byte[] list = null;
    if (!p.architecture().isEmpty()) {
      list = listBytes(root, INFO + "/" + p.name() + ":" + p.architecture() + ".list");
    }
    if (list == null) {
      list = listBytes(root, INFO + "/" + p.name() + ".list");
    }
    if (list == null) {
      return p;
    }
    List<String> files = new ArrayList<>();
    for (String f : new String(list, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1)) {
      if (f.startsWith("/") && !f.equals("/.")) {
        files.add(f);
      }
    }
    return new InstalledPackage(
        p.type(),
        p.ecosystem(),
        p.name(),
        p.version(),
        p.architecture(),
        p.sourceName(),
        p.sourceVersion(),
        p.maintainer(),
        p.installedSize(),
        files);
  }

  private static byte @org.jspecify.annotations.Nullable [] listBytes(Path root, String file)
      throws PackageDatabaseException {
    return BoundedFiles.readIfExists(RootPaths.resolve(root, file), BoundedFiles.MAX_SMALL_BYTES);
  }
}
