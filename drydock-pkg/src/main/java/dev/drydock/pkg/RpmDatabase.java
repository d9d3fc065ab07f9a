package dev.drydock.pkg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * Reads the rpm database of a root filesystem. The SQLite backend (rpm 4.16+, RHEL 9, Fedora 33+)
 * is read directly: its {@code Packages} table holds one rpm header blob per package, which {@link
 * RpmHeader} decodes. The older Berkeley DB ({@code Packages}) and SUSE's NDB ({@code Packages.db})
 * backends are detected and refused with a way out.
 */
public final class RpmDatabase {
  static final List<String> DIRECTORIES =
      List.of("var/lib/rpm", "usr/lib/sysimage/rpm", "usr/share/rpm");

  /** rpm refuses headers past 256 MiB; no real package comes near 16 MiB. */
  private static final int MAX_BLOB = 16 * 1024 * 1024;

  private static final int MAX_PACKAGES = 200_000;

  private RpmDatabase() {}

  /** {@return the database file of the root (sqlite, bdb or ndb), or null when it has none} */
  static @Nullable Path locate(Path root) throws PackageDatabaseException {
    for (String dir : DIRECTORIES) {
      for (String name : List.of("rpmdb.sqlite", "Packages", "Packages.db")) {
        Path file = RootPaths.resolve(root, dir + "/" + name);
        if (Files.isRegularFile(file)) {
          return file;
        }
      }
    }
    return null;
  }

  /**
   * Reads every installed package.
   *
   * @param ecosystem the OSV ecosystem to stamp on each package, e.g. {@code Red Hat}
   * @throws PackageDatabaseException when the database is not SQLite, cannot be opened, or holds a
   *     malformed header
   */
  public static List<InstalledPackage> read(Path root, String ecosystem)
      throws PackageDatabaseException {
    Path file = locate(root);
    if (file == null) {
      return List.of();
    }
    if (!file.getFileName().toString().equals("rpmdb.sqlite")) {
      throw new PackageDatabaseException(
          file,
          "",
          "unsupported rpmdb format ("
              + (file.getFileName().toString().equals("Packages") ? "Berkeley DB" : "NDB")
              + "); convert it to SQLite with 'rpmdb --rebuilddb --define \"_db_backend sqlite\"'"
              + " and read again.");
    }
    return readSqlite(file, ecosystem);
  }

  private static List<InstalledPackage> readSqlite(Path file, String ecosystem)
      throws PackageDatabaseException {
    // immutable=1: read the file as a snapshot, take no locks and write no -shm/-wal beside it (the
    // root may be read-only, an extracted image or another host's disk).
    String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1&mode=ro";
    List<InstalledPackage> out = new ArrayList<>();
    // The driver is used directly, not looked up through DriverManager's service loading, which
    // fails when the jar's META-INF/services entry is lost (shaded or repackaged builds).
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection db = config.createConnection(url);
        PreparedStatement count =
            db.prepareStatement("SELECT hnum, length(blob) FROM Packages ORDER BY hnum");
        PreparedStatement one = db.prepareStatement("SELECT blob FROM Packages WHERE hnum = ?")) {
      List<long[]> rows = new ArrayList<>();
      try (ResultSet rs = count.executeQuery()) {
        while (rs.next()) {
          if (rows.size() >= MAX_PACKAGES) {
            throw new PackageDatabaseException(file, "", "holds more than 200000 packages.");
          }
          rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
      for (long[] row : rows) {
        String where = "Packages hnum " + row[0];
        if (row[1] > MAX_BLOB) {
          throw new PackageDatabaseException(file, where, "a header is larger than 16 MiB.");
        }
        one.setLong(1, row[0]);
        try (ResultSet rs = one.executeQuery()) {
          if (rs.next()) {
            byte[] blob = rs.getBytes(1);
            if (blob != null) {
              out.add(toPackage(RpmHeader.parse(blob, file, where), file, where, ecosystem));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new PackageDatabaseException(
          file, "", "is not a readable rpm SQLite database: " + e.getMessage(), e);
    }
    return out;
  }

  static InstalledPackage toPackage(RpmHeader h, Path file, String where, String ecosystem)
      throws PackageDatabaseException {
    String name = h.string(RpmHeader.NAME);
    String version = h.string(RpmHeader.VERSION);
    String release = h.string(RpmHeader.RELEASE);
    if (name.isBlank() || version.isBlank()) {
      throw new PackageDatabaseException(file, where, "a header has no NAME or VERSION.");
    }
    long epoch = h.number(RpmHeader.EPOCH);
    String evr =
        (epoch >= 0 ? epoch + ":" : "") + version + (release.isBlank() ? "" : "-" + release);
    String sourceName = name;
    String sourceVersion = evr;
    String[] source = parseSourceRpm(h.string(RpmHeader.SOURCERPM));
    if (source != null) {
      sourceName = source[0];
      // The source rpm's file name carries no epoch; the binary's epoch is the source's.
      sourceVersion = (epoch >= 0 ? epoch + ":" : "") + source[1];
    }
    long size = h.number(RpmHeader.LONGSIZE);
    if (size < 0) {
      size = h.number(RpmHeader.SIZE);
    }
    return new InstalledPackage(
        PackageType.RPM,
        ecosystem,
        name,
        evr,
        h.string(RpmHeader.ARCH),
        sourceName,
        sourceVersion,
        h.string(RpmHeader.PACKAGER),
        Math.max(size, -1),
        files(h, file, where));
  }

  /**
   * Splits {@code openssl-3.0.7-27.el9.src.rpm} into {@code openssl} and {@code 3.0.7-27.el9}.
   *
   * @return null when the text is not a source rpm file name
   */
  static String @Nullable [] parseSourceRpm(String sourceRpm) {
    String base = sourceRpm;
    for (String suffix : List.of(".src.rpm", ".nosrc.rpm")) {
      if (base.endsWith(suffix)) {
        base = base.substring(0, base.length() - suffix.length());
      }
    }
    if (base.equals(sourceRpm)) {
      return null;
    }
    int releaseDash = base.lastIndexOf('-');
    int versionDash = releaseDash <= 0 ? -1 : base.lastIndexOf('-', releaseDash - 1);
    if (versionDash <= 0) {
      return null;
    }
    return new String[] {base.substring(0, versionDash), base.substring(versionDash + 1)};
  }

  /** Files are {@code DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]}; rpm before 4.0 used OLDFILENAMES. */
  private static List<String> files(RpmHeader h, Path file, String where)
      throws PackageDatabaseException {
    List<String> base = h.strings(RpmHeader.BASENAMES);
    if (base.isEmpty()) {
      return h.strings(RpmHeader.OLDFILENAMES);
    }
    List<String> dirs = h.strings(RpmHeader.DIRNAMES);
    long[] index = h.numbers(RpmHeader.DIRINDEXES);
    if (index.length != base.size()) {
      throw new PackageDatabaseException(
          file,
          where,
          "rpm header has " + base.size() + " BASENAMES but " + index.length + " DIRINDEXES.");
    }
    List<String> out = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      if (index[i] < 0 || index[i] >= dirs.size()) {
        throw new PackageDatabaseException(
            file, where, "rpm header DIRINDEXES[" + i + "] points past DIRNAMES.");
      }
      out.add(dirs.get((int) index[i]) + base.get(i));
    }
    return out;
  }
}
