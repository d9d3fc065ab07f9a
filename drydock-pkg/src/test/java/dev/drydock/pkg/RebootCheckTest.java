package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebootCheckTest {
  @TempDir Path tmp;

  @Test
  void flagFileAndPackages() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("var/run"));
    Files.writeString(run.resolve("reboot-required"), "*** System restart required ***\n");
    Files.writeString(run.resolve("reboot-required.pkgs"), "libc6\nlinux-base\n\nlibc6\n");
    RebootStatus s = RebootCheck.evaluate(PackageDatabases.read(tmp), "6.1.0-13-amd64");
    assertThat(s.required()).isTrue();
    assertThat(s.reasons()).containsExactly("/var/run/reboot-required exists");
    assertThat(s.packages()).containsExactly("libc6", "linux-base");
    assertThat(s.runningKernel()).isEqualTo("6.1.0-13-amd64");
    assertThat(s.newestKernel()).isEmpty();
  }

  @Test
  void debianKernelNewerThanRunning() throws Exception {
    Path status = Files.createDirectories(tmp.resolve("var/lib/dpkg")).resolve("status");
    Files.writeString(
        status,
        """
        Package: linux-image-6.1.0-13-amd64
        Status: install ok installed
        Architecture: amd64
        Version: 6.1.55-1

        Package: linux-image-6.1.0-28-amd64
        Status: install ok installed
        Architecture: amd64
        Version: 6.1.119-1

        Package: linux-image-amd64
        Status: install ok installed
        Architecture: amd64
        Version: 6.1.119-1
        """);
    PackageInventory inv = PackageDatabases.read(tmp);
    RebootStatus old = RebootCheck.evaluate(inv, "6.1.0-13-amd64\n");
    assertThat(old.required()).isTrue();
    assertThat(old.newestKernel()).isEqualTo("6.1.0-28-amd64");
    assertThat(old.reasons())
        .containsExactly(
            "running kernel 6.1.0-13-amd64 is older than installed kernel 6.1.0-28-amd64");
    assertThat(RebootCheck.evaluate(inv, "6.1.0-28-amd64").required()).isFalse();
    assertThat(RebootCheck.evaluate(inv, "6.12.0-1-amd64").required()).isFalse();
    assertThat(RebootCheck.evaluate(inv, null).required()).isFalse();
  }

  @Test
  void rpmKernelCore() throws Exception {
    PackageInventory inv = PackageDatabases.read(Fixtures.rootfs("rpm-sqlite"));
    RebootStatus s = RebootCheck.evaluate(inv, "5.14.0-362.8.1.el9_3.x86_64");
    assertThat(s.newestKernel()).isEqualTo("5.14.0-427.13.1.el9_4.x86_64");
    assertThat(s.required()).isTrue();
    assertThat(RebootCheck.evaluate(inv, "5.14.0-427.13.1.el9_4.x86_64").required()).isFalse();
  }

  @Test
  void alpineLinuxLts() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("lib/apk/db")).resolve("installed");
    Files.writeString(
        db, "P:linux-lts\nV:5.15.74-r0\nA:x86_64\n\nP:linux-firmware-none\nV:20221012-r0\n\n");
    PackageInventory inv = PackageDatabases.read(tmp);
    RebootStatus s = RebootCheck.evaluate(inv, "5.15.71-0-lts");
    assertThat(s.newestKernel()).isEqualTo("5.15.74-0-lts");
    assertThat(s.required()).isTrue();
    assertThat(RebootCheck.evaluate(inv, "5.15.74-0-lts").required()).isFalse();
  }

  @Test
  void kernelReleaseOrder() {
    assertThat(KernelReleases.compare("6.1.0-28-amd64", "6.1.0-13-amd64")).isPositive();
    assertThat(KernelReleases.compare("6.1.0-9-amd64", "6.1.0-13-amd64")).isNegative();
    assertThat(KernelReleases.compare("5.14.0-427.el9", "5.14.0-427.el9")).isZero();
    assertThat(KernelReleases.compare("5.14.0-427.1", "5.14.0-427")).isPositive();
    assertThat(KernelReleases.compare("5.10", "5.010")).isZero();
    assertThat(KernelReleases.compare("5.10a", "5.10.1")).isNegative();
  }
}
