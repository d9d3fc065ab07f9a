package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDatabasesTest {
  @TempDir Path tmp;

  @Test
  void debianMinbase_readsAllInstalledPackagesWithSource() throws Exception {
    PackageInventory inv = PackageDatabases.read(Fixtures.rootfs("debian-12.15-minbase"));
    assertThat(inv.ecosystem()).isEqualTo("Debian:12");
    assertThat(inv.os()).isNotNull();
    assertThat(inv.osRelease().orElseThrow().versionCodename()).isEqualTo("bookworm");
    assertThat(inv.packages()).hasSize(88);
    assertThat(inv.databases())
        .containsExactly(Fixtures.rootfs("debian-12.15-minbase").resolve("var/lib/dpkg/status"));
    InstalledPackage libc = find(inv, "libc6");
    assertThat(libc.type()).isEqualTo(PackageType.DEB);
    assertThat(libc.ecosystem()).isEqualTo("Debian:12");
    assertThat(libc.version()).isEqualTo("2.36-9+deb12u14");
    assertThat(libc.sourceName()).isEqualTo("glibc");
    assertThat(libc.sourceVersion()).isEqualTo("2.36-9+deb12u14");
    assertThat(libc.architecture()).isEqualTo("amd64");
    assertThat(libc.label()).isEqualTo("deb:libc6 2.36-9+deb12u14");
    // Source with its own version, binary version with an epoch.
    InstalledPackage bsdutils = find(inv, "bsdutils");
    assertThat(bsdutils.version()).isEqualTo("1:2.38.1-5+deb12u3");
    assertThat(bsdutils.sourceName()).isEqualTo("util-linux");
    assertThat(bsdutils.sourceVersion()).isEqualTo("2.38.1-5+deb12u3");
    assertThat(bsdutils.installedSize()).isEqualTo(355 * 1024L);
    assertThat(bsdutils.maintainer()).contains("util-linux packagers");
    // No Source field: the package is its own source.
    InstalledPackage base = find(inv, "base-files");
    assertThat(base.sourceName()).isEqualTo("base-files");
    assertThat(base.files()).isEmpty();
  }

  @Test
  void dpkgStatus_skipsPackagesNotInstalled_andReadsInfoLists() throws Exception {
    Path dpkg = Files.createDirectories(tmp.resolve("var/lib/dpkg/info"));
    Files.writeString(
        dpkg.resolveSibling("status"),
        """
        Package: kept
        Status: hold ok installed
        Architecture: amd64
        Version: 1.0-1

        Package: removed
        Status: deinstall ok config-files
        Version: 2.0-1

        Package: half
        Status: install reinstreq half-installed
        Version: 3.0-1
        Description: multi-line
         continuation line
         .
        """);
    Files.writeString(dpkg.resolve("kept:amd64.list"), "/.\n/usr\n/usr/bin/kept\n");
    List<InstalledPackage> pkgs = DpkgDatabase.read(tmp, "Debian:12");
    assertThat(pkgs).extracting(InstalledPackage::name).containsExactly("kept");
    assertThat(pkgs.get(0).files()).containsExactly("/usr", "/usr/bin/kept");
    assertThat(pkgs.get(0).installedSize()).isEqualTo(-1);
  }

  @Test
  void distroless_readsStatusDAndSkipsMd5sums() throws Exception {
    PackageInventory inv = PackageDatabases.read(Fixtures.rootfs("distroless"));
    assertThat(inv.packages())
        .extracting(InstalledPackage::name)
        .containsExactly("base-files", "libc6", "tzdata", "zlib1g");
    InstalledPackage zlib = find(inv, "zlib1g");
    assertThat(zlib.version()).isEqualTo("1:1.2.13.dfsg-1");
    assertThat(zlib.sourceName()).isEqualTo("zlib");
    assertThat(inv.databases()).hasSize(1);
  }

  @Test
  void alpine_readsOriginAndFiles() throws Exception {
    PackageInventory inv = PackageDatabases.read(Fixtures.rootfs("alpine-3.10.4"));
    assertThat(inv.ecosystem()).isEqualTo("Alpine:v3.10");
    assertThat(inv.packages()).hasSize(14);
    InstalledPackage ssl = find(inv, "libssl1.1");
    assertThat(ssl.type()).isEqualTo(PackageType.APK);
    assertThat(ssl.version()).isEqualTo("1.1.1d-r2");
    assertThat(ssl.sourceName()).isEqualTo("openssl");
    assertThat(ssl.architecture()).isEqualTo("x86_64");
    assertThat(ssl.label()).isEqualTo("apk:libssl1.1 1.1.1d-r2");
    InstalledPackage busybox = find(inv, "busybox");
    assertThat(busybox.files()).contains("/bin/busybox", "/bin/sh", "/etc/securetty");
    assertThat(busybox.installedSize()).isEqualTo(942080);
    assertThat(busybox.maintainer()).isEqualTo("Natanael Copa <ncopa@alpinelinux.org>");
    InstalledPackage musl = find(inv, "musl");
    assertThat(musl.files())
        .containsExactly("/lib/libc.musl-x86_64.so.1", "/lib/ld-musl-x86_64.so.1");
  }

  @Test
  void rpmSqlite_readsHeadersWithEpochSourceAndFiles() throws Exception {
    PackageInventory inv = PackageDatabases.read(Fixtures.rootfs("rpm-sqlite"));
    assertThat(inv.ecosystem()).isEqualTo("Rocky Linux:9");
    assertThat(inv.packages()).hasSize(2);
    InstalledPackage hello = find(inv, "hello-drydock");
    assertThat(hello.type()).isEqualTo(PackageType.RPM);
    assertThat(hello.version()).isEqualTo("2:1.2.3-4.dd1");
    assertThat(hello.architecture()).isEqualTo("x86_64");
    assertThat(hello.sourceName()).isEqualTo("hello-drydock");
    assertThat(hello.sourceVersion()).isEqualTo("2:1.2.3-4.dd1");
    assertThat(hello.maintainer()).isEqualTo("drydock tests <tests@drydock.invalid>");
    assertThat(hello.installedSize()).isEqualTo(27);
    assertThat(hello.files())
        .containsExactly("/usr/bin/hello-drydock", "/usr/share/doc/hello-drydock/README");
    InstalledPackage kernel = find(inv, "kernel-core");
    assertThat(kernel.version()).isEqualTo("5.14.0-427.13.1.el9_4");
    assertThat(kernel.files()).isEmpty();
  }

  @Test
  void rpmBerkeleyDb_isRefusedWithAWayOut() throws Exception {
    Path packages = Files.createDirectories(tmp.resolve("var/lib/rpm")).resolve("Packages");
    Files.write(packages, new byte[] {0, 0, 0, 0, 0x61, 0x15, 0x06, 0});
    assertThatThrownBy(() -> PackageDatabases.read(tmp))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("unsupported rpmdb format (Berkeley DB)")
        .hasMessageContaining("rpmdb --rebuilddb");
  }

  @Test
  void rpmNotSqlite_namesTheFile() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("usr/lib/sysimage/rpm")).resolve("rpmdb.sqlite");
    Files.writeString(db, "this is not a database");
    assertThatThrownBy(() -> PackageDatabases.read(tmp))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(db.toString())
        .satisfies(e -> assertThat(((PackageDatabaseException) e).file()).isEqualTo(db));
  }

  @Test
  void symlinks_resolveInsideTheRoot() throws Exception {
    // An image's absolute link must read the image's file, never the host's.
    Path lib = Files.createDirectories(tmp.resolve("usr/lib"));
    Files.writeString(lib.resolve("os-release"), "ID=alpine\nVERSION_ID=3.20.3\n");
    Files.createDirectories(tmp.resolve("etc"));
    Files.createSymbolicLink(tmp.resolve("etc/os-release"), Path.of("/usr/lib/os-release"));
    Path db = Files.createDirectories(tmp.resolve("lib/apk/db"));
    Files.writeString(tmp.resolve("usr/lib/installed"), "P:musl\nV:1.2.5-r0\n");
    Files.createSymbolicLink(
        db.resolve("installed"), Path.of("../../../../../../usr/lib/installed"));
    PackageInventory inv = PackageDatabases.read(tmp);
    assertThat(inv.ecosystem()).isEqualTo("Alpine:v3.20");
    assertThat(inv.packages()).extracting(InstalledPackage::name).containsExactly("musl");
    assertThat(inv.databases()).containsExactly(tmp.resolve("usr/lib/installed"));
  }

  @Test
  void symlinkLoop_isTypedError() throws Exception {
    Files.createDirectories(tmp.resolve("etc"));
    Files.createSymbolicLink(tmp.resolve("etc/os-release"), Path.of("os-release"));
    assertThatThrownBy(() -> PackageDatabases.read(tmp))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("too many levels of symbolic links");
  }

  @Test
  void emptyRoot_hasNoPackagesAndNoOs() throws Exception {
    PackageInventory inv = PackageDatabases.read(tmp);
    assertThat(inv.packages()).isEmpty();
    assertThat(inv.databases()).isEmpty();
    assertThat(inv.osRelease()).isEmpty();
    assertThat(inv.ecosystem()).isEqualTo("Linux");
  }

  @Test
  void notADirectory_isRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(() -> PackageDatabases.read(file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void malformedStatus_namesFileAndLine() throws Exception {
    Path status = Files.createDirectories(tmp.resolve("var/lib/dpkg")).resolve("status");
    Files.writeString(
        status, "Package: a\nStatus: install ok installed\nVersion: 1\n\nno colon here\n");
    assertThatThrownBy(() -> PackageDatabases.read(tmp))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(status.toString())
        .hasMessageContaining("line 5")
        .satisfies(e -> assertThat(((PackageDatabaseException) e).location()).isEqualTo("line 5"));
  }

  @Test
  void dpkgNameWithPathSeparator_isRejected() throws Exception {
    Path status = Files.createDirectories(tmp.resolve("var/lib/dpkg")).resolve("status");
    Files.writeString(status, "Package: ../../etc/x\nStatus: install ok installed\nVersion: 1\n");
    assertThatThrownBy(() -> DpkgDatabase.read(tmp, "Debian"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void apkEntryWithoutVersion_isRejected() {
    assertThatThrownBy(() -> ApkDatabase.parse("P:x\nA:x86_64\n\n", Path.of("installed"), "Alpine"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ApkDatabase.parse("P:x\nnonsense\n", Path.of("installed"), "Alpine"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void oversizedDatabase_isRefused() throws Exception {
    Path status = Files.createDirectories(tmp.resolve("var/lib/dpkg")).resolve("status");
    try (var ch =
        Files.newByteChannel(
            status,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.position(BoundedFiles.MAX_DATABASE_BYTES + 1);
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
    }
    assertThatThrownBy(() -> PackageDatabases.read(tmp))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than 64 MiB");
  }

  @Test
  void sourceRpmNames_areSplit() {
    assertThat(RpmDatabase.parseSourceRpm("openssl-3.0.7-27.el9.src.rpm"))
        .containsExactly("openssl", "3.0.7-27.el9");
    assertThat(RpmDatabase.parseSourceRpm("python3-pip-21.3.1-1.el9.nosrc.rpm"))
        .containsExactly("python3-pip", "21.3.1-1.el9");
    assertThat(RpmDatabase.parseSourceRpm("(none)")).isNull();
    assertThat(RpmDatabase.parseSourceRpm("noversion.src.rpm")).isNull();
  }

  static InstalledPackage find(PackageInventory inv, String name) {
    return inv.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
