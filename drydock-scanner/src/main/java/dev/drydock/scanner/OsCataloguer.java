package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import dev.drydock.oci.ImageFilesystem;
import dev.drydock.pkg.ApkDatabase;
import dev.drydock.pkg.DpkgDatabase;
import dev.drydock.pkg.InstalledPackage;
import dev.drydock.pkg.OsRelease;
import dev.drydock.pkg.PackageDatabaseException;
import dev.drydock.pkg.PackageType;
import dev.drydock.pkg.RpmDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * OS packages: the dpkg ({@code var/lib/dpkg/status}, {@code status.d/*}, {@code info/*.list}), apk
 * ({@code lib/apk/db/installed}) and rpm (SQLite {@code rpmdb.sqlite}) databases, and the OS from
 * {@code etc/os-release} or {@code usr/lib/os-release}. The few database files are copied from the
 * image into a private temporary root (under their image paths, symlinks in the image resolved),
 * which drydock-pkg's readers then read; the copy is deleted when done.
 *
 * <p>Each package carries the layer that last wrote its evidence: for dpkg the package's {@code
 * info/<name>.list} (or its {@code status.d} file), else the database file.
 */
final class OsCataloguer implements Cataloguer {
  static final long MAX_COPIED_BYTES = 1L << 30;
  private static final String DPKG = "var/lib/dpkg";
  private static final List<String> EXACT =
      List.of(
          "etc/os-release",
          "usr/lib/os-release",
          DPKG + "/status",
          "lib/apk/db/installed",
          "usr/lib/apk/db/installed",
          "var/lib/rpm/rpmdb.sqlite",
          "var/lib/rpm/Packages",
          "usr/lib/sysimage/rpm/rpmdb.sqlite",
          "usr/lib/sysimage/rpm/Packages.db",
          "usr/share/rpm/rpmdb.sqlite");

  private final Path tempParent;
  private final Map<String, String> exact = new HashMap<>();
  private final String statusD;
  private final String info;
  private final Map<String, FileEntry> copied = new HashMap<>();
  private final Set<String> owned = new HashSet<>();
  private final List<ImagePackage> packages = new ArrayList<>();
  private @Nullable Path root;
  private long copiedBytes;
  private @Nullable OsRelease os;

  /**
   * @param fs the image, to resolve the database paths through its symlinks
   * @param tempParent where the private copy of the databases is made
   */
  OsCataloguer(ImageFilesystem fs, Path tempParent) {
    this.tempParent = tempParent;
    for (String logical : EXACT) {
      exact.putIfAbsent(CatalogPaths.resolve(fs, "/" + logical), logical);
    }
    statusD = CatalogPaths.resolve(fs, "/" + DPKG + "/status.d") + "/";
    info = CatalogPaths.resolve(fs, "/" + DPKG + "/info") + "/";
  }

  @Override
  public String name() {
    return "os";
  }

  @Override
  public boolean wants(FileEntry entry) {
    return logical(entry.path()) != null;
  }

  private @Nullable String logical(String path) {
    String e = exact.get(path);
    if (e != null) {
      return e;
    }
    if (path.startsWith(statusD) && path.indexOf('/', statusD.length()) < 0) {
      return DPKG + "/status.d/" + path.substring(statusD.length());
    }
    if (path.startsWith(info) && path.endsWith(".list") && path.indexOf('/', info.length()) < 0) {
      return DPKG + "/info/" + path.substring(info.length());
    }
    return null;
  }

  @Override
  public void read(FileEntry entry, InputStream content, CatalogSink sink) throws IOException {
    String logical = logical(entry.path());
    if (logical == null || copied.containsKey(logical)) {
      return;
    }
    if (copiedBytes + entry.size() > MAX_COPIED_BYTES) {
      sink.problem(
          entry.path(), "package databases exceed " + MAX_COPIED_BYTES + " bytes; skipped");
      return;
    }
    if (root == null) {
      root = Files.createTempDirectory(tempParent, "drydock-osdb-");
    }
    Path target = root.resolve(logical);
    Files.createDirectories(target.getParent());
    try (OutputStream out = Files.newOutputStream(target)) {
      copiedBytes += content.transferTo(out);
    }
    copied.put(logical, entry);
  }

  @Override
  public void finish(CatalogSink sink) {
    Path r = root;
    if (r == null) {
      return;
    }
    try {
      os = OsRelease.read(r).orElse(null);
    } catch (PackageDatabaseException e) {
      sink.problem("/etc/os-release", message(e, r));
    }
    if (copied.containsKey(DPKG + "/status")
        || copied.keySet().stream().anyMatch(k -> k.startsWith(DPKG + "/status.d/"))) {
      read(PackageType.DEB, r, sink);
    }
    if (copied.containsKey("lib/apk/db/installed")
        || copied.containsKey("usr/lib/apk/db/installed")) {
      read(PackageType.APK, r, sink);
    }
    if (copied.keySet().stream().anyMatch(k -> k.contains("rpm/"))) {
      read(PackageType.RPM, r, sink);
    }
    delete(r);
    root = null;
    for (ImagePackage p : packages) {
      sink.add(p);
    }
  }

  /** {@return the OS, known once {@link #finish} ran; null when the image has no os-release} */
  @Nullable OsRelease os() {
    return os;
  }

  /** {@return every path an OS package owns (absolute), for language cataloguers to skip} */
  Set<String> ownedFiles() {
    return owned;
  }

  private void read(PackageType type, Path r, CatalogSink sink) {
    String ecosystem = os != null ? os.osvEcosystem() : fallbackEcosystem(type);
    List<InstalledPackage> found;
    try {
      found =
          switch (type) {
            case DEB -> DpkgDatabase.read(r, ecosystem);
            case APK -> ApkDatabase.read(r, ecosystem);
            case RPM -> RpmDatabase.read(r, ecosystem);
          };
    } catch (PackageDatabaseException e) {
      sink.problem(type.label() + " database", message(e, r));
      return;
    }
    for (InstalledPackage p : found) {
      owned.addAll(p.files());
      List<FileEntry> evidence = evidence(p);
      if (evidence.isEmpty()) {
        continue;
      }
      try {
        packages.add(
            new ImagePackage(
                ecosystem,
                p.name(),
                p.version(),
                purl(p),
                p.sourceName(),
                p.sourceVersion(),
                evidence.getLast().diffId(),
                evidence.stream().map(FileEntry::path).toList(),
                type.label(),
                properties(p)));
      } catch (IllegalArgumentException e) {
        sink.problem(evidence.getFirst().path(), e.getMessage());
      }
    }
  }

  /**
   * {@return the files a package was read from: its database file, then for dpkg its {@code
   * info/<name>.list}, whose layer is the one that installed this package (the status file is
   * rewritten by every layer that installs anything)}
   */
  private List<FileEntry> evidence(InstalledPackage p) {
    List<FileEntry> out = new ArrayList<>();
    switch (p.type()) {
      case DEB -> {
        FileEntry db = first(DPKG + "/status.d/" + p.name(), DPKG + "/status");
        if (db == null) {
          // status.d files need not be named after their package; any one of them stands in.
          db =
              copied.entrySet().stream()
                  .filter(e -> e.getKey().startsWith(DPKG + "/status.d/"))
                  .map(Map.Entry::getValue)
                  .min(java.util.Comparator.comparing(FileEntry::path))
                  .orElse(null);
        }
        if (db != null) {
          out.add(db);
        }
        FileEntry list =
            first(
                DPKG + "/info/" + p.name() + ":" + p.architecture() + ".list",
                DPKG + "/info/" + p.name() + ".list");
        if (list != null) {
          out.add(list);
        }
      }
      case APK -> add(out, first("lib/apk/db/installed", "usr/lib/apk/db/installed"));
      case RPM ->
          add(out, first(EXACT.stream().filter(s -> s.contains("rpm/")).toArray(String[]::new)));
    }
    return out;
  }

  private @Nullable FileEntry first(String... logical) {
    for (String l : logical) {
      FileEntry e = copied.get(l);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static void add(List<FileEntry> out, @Nullable FileEntry e) {
    if (e != null) {
      out.add(e);
    }
  }

  private String purl(InstalledPackage p) {
    Map<String, String> q = new TreeMap<>();
    q.put("arch", p.architecture());
    OsRelease o = os;
    if (o != null && !o.versionId().isEmpty()) {
      q.put("distro", o.id() + "-" + o.versionId());
    }
    String version = p.version();
    if (p.type() == PackageType.RPM) {
      int colon = version.indexOf(':');
      if (colon > 0) {
        q.put("epoch", version.substring(0, colon));
        version = version.substring(colon + 1);
      }
    }
    if (!p.sourceName().equals(p.name())) {
      q.put(
          "upstream",
          p.sourceVersion().equals(p.version())
              ? p.sourceName()
              : p.sourceName() + "@" + p.sourceVersion());
    }
    return CatalogPurls.of(p.type().label(), namespace(p.type()), p.name(), version, q);
  }

  private String namespace(PackageType type) {
    OsRelease o = os;
    if (o == null) {
      return switch (type) {
        case DEB -> "debian";
        case APK -> "alpine";
        case RPM -> "redhat";
      };
    }
    return o.id().equals("rhel") ? "redhat" : o.id();
  }

  private static Map<String, String> properties(InstalledPackage p) {
    Map<String, String> m = new HashMap<>();
    if (!p.architecture().isEmpty()) {
      m.put("architecture", p.architecture());
    }
    if (!p.maintainer().isEmpty()) {
      m.put("maintainer", p.maintainer());
    }
    return m;
  }

  private static String fallbackEcosystem(PackageType type) {
    return switch (type) {
      case DEB -> "Debian";
      case APK -> "Alpine";
      case RPM -> "Red Hat";
    };
  }

  /** Error messages name the private copy; the image path is what the user knows. */
  private static String message(PackageDatabaseException e, Path r) {
    String m = String.valueOf(e.getMessage());
    return m.replace(r.toString(), "");
  }

  static void delete(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // A leftover temporary copy is harmless; the scan result does not depend on it.
    }
  }
}
