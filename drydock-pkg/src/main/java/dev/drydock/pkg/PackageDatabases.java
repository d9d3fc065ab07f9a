package dev.drydock.pkg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point that turns a root filesystem (a host's {@code /} or an extracted image) into
 * its OS release and installed packages, from whichever databases it holds: dpkg ({@code status},
 * {@code status.d}), apk ({@code installed}), rpm (SQLite).
 */
public final class PackageDatabases {
  private PackageDatabases() {}

  /**
   * Reads the os-release and every package database under {@code root}.
   *
   * @return the inventory; with no packages and no databases when the root has none (e.g. a scratch
   *     or busybox image)
   * @throws PackageDatabaseException when a database or the os-release is malformed, too large,
   *     unreadable or in an unsupported format (rpm Berkeley DB / NDB)
   */
  public static PackageInventory read(Path root) throws PackageDatabaseException {
    if (!Files.isDirectory(root)) {
      throw new PackageDatabaseException(root, "", "is not a directory; give a root filesystem.");
    }
    OsRelease os = OsRelease.read(root).orElse(null);
    List<Path> databases = new ArrayList<>();
    List<InstalledPackage> packages = new ArrayList<>();
    Path status = RootPaths.resolve(root, DpkgDatabase.STATUS);
    Path statusD = RootPaths.resolve(root, DpkgDatabase.STATUS_D);
    if (Files.isRegularFile(status) || Files.isDirectory(statusD)) {
      for (Path p : List.of(status, statusD)) {
        if (Files.exists(p)) {
          databases.add(p);
        }
      }
      packages.addAll(DpkgDatabase.read(root, ecosystem(os, PackageType.DEB)));
    }
    Path apk = ApkDatabase.locate(root);
    if (apk != null) {
      databases.add(apk);
      packages.addAll(ApkDatabase.read(root, ecosystem(os, PackageType.APK)));
    }
    Path rpm = RpmDatabase.locate(root);
    if (rpm != null) {
      databases.add(rpm);
      packages.addAll(RpmDatabase.read(root, ecosystem(os, PackageType.RPM)));
    }
    PackageType main = packages.isEmpty() ? PackageType.DEB : packages.get(0).type();
    String ecosystem =
        os != null ? os.osvEcosystem() : packages.isEmpty() ? "Linux" : fallback(main);
    return new PackageInventory(root, os, ecosystem, databases, packages);
  }

  /** The os-release's ecosystem; without one, the format's usual distribution. */
  static String ecosystem(@org.jspecify.annotations.Nullable OsRelease os, PackageType type) {
    return os != null ? os.osvEcosystem() : fallback(type);
  }

  private static String fallback(PackageType type) {
    return switch (type) {
      case DEB -> "Debian";
      case APK -> "Alpine";
      case RPM -> "Red Hat";
    };
  }
}
