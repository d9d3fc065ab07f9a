package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingUpgradesTest {
  @TempDir Path tmp;

  @Test
  void debian_candidatesAndSecurityMarking() throws Exception {
    PackageInventory inv = PackageDatabases.read(AptTrees.debianWithLists(tmp));
    UpgradeCheck check = PendingUpgrades.check(inv);
    assertThat(check.supported()).isTrue();
    assertThat(check.note()).isEmpty();
    assertThat(check.indices()).hasSize(2);
    Map<String, PendingUpgrade> byName =
        check.upgrades().stream()
            .collect(Collectors.toMap(u -> u.installed().name(), Function.identity()));
    // Not pending: same version (libc6 in main), older (gzip), other arch (tar), lower epoch
    // (zlib1g).
    assertThat(byName).containsOnlyKeys("apt", "libgnutls30", "libc6");
    PendingUpgrade apt = java.util.Objects.requireNonNull(byName.get("apt"));
    assertThat(apt.candidate()).isEqualTo("2.6.2");
    assertThat(apt.origin()).isEqualTo("bookworm");
    assertThat(apt.security()).isFalse();
    PendingUpgrade gnutls = java.util.Objects.requireNonNull(byName.get("libgnutls30"));
    assertThat(gnutls.installed().version()).isEqualTo("3.7.9-2+deb12u7");
    assertThat(gnutls.candidate()).isEqualTo("3.7.9-2+deb12u8");
    assertThat(gnutls.origin()).isEqualTo("bookworm-security");
    assertThat(gnutls.security()).isTrue();
    PendingUpgrade libc = java.util.Objects.requireNonNull(byName.get("libc6"));
    assertThat(libc.candidate()).isEqualTo("2.36-9+deb12u15");
    assertThat(libc.security()).isTrue();
  }

  @Test
  void debian_securityByLabelWithoutReleaseSuffix() throws Exception {
    Path root = AptTrees.debianWithLists(tmp);
    Path lists = root.resolve("var/lib/apt/lists");
    Files.writeString(
        lists.resolve(AptTrees.SECURITY + "_InRelease"),
        AptTrees.signed("Origin: Debian\nLabel: Debian-Security\nCodename: bookworm\n"));
    UpgradeCheck check = PendingUpgrades.check(PackageDatabases.read(root));
    assertThat(check.upgrades())
        .filteredOn(u -> u.installed().name().equals("libgnutls30"))
        .singleElement()
        .satisfies(u -> assertThat(u.security()).isTrue());
  }

  @Test
  void debian_noListReleaseFile_guessesSuiteFromName() throws Exception {
    Path root = AptTrees.debianWithLists(tmp);
    Files.delete(root.resolve("var/lib/apt/lists/" + AptTrees.SECURITY + "_InRelease"));
    UpgradeCheck check = PendingUpgrades.check(PackageDatabases.read(root));
    assertThat(check.upgrades())
        .filteredOn(u -> u.installed().name().equals("libgnutls30"))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.security()).isTrue();
              assertThat(u.origin()).isEqualTo("bookworm-security");
            });
  }

  @Test
  void debian_withoutLists_saysRunAptGetUpdate() throws Exception {
    UpgradeCheck check =
        PendingUpgrades.check(PackageDatabases.read(Fixtures.rootfs("debian-12.15-minbase")));
    assertThat(check.supported()).isTrue();
    assertThat(check.upgrades()).isEmpty();
    assertThat(check.note()).contains("apt-get update");
  }

  @Test
  void debian_xzListsAreSkippedWithANote() throws Exception {
    Path root = AptTrees.debianWithLists(tmp);
    Files.write(
        root.resolve("var/lib/apt/lists/x_dists_y_main_binary-amd64_Packages.xz"), new byte[] {1});
    assertThat(PendingUpgrades.check(PackageDatabases.read(root)).note()).contains("not supported");
  }

  @Test
  void alpine_fromApkIndexCache() throws Exception {
    Path root = tmp;
    Path alpine = Fixtures.rootfs("alpine-3.10.4");
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.createDirectories(root.resolve("etc"));
    Files.copy(alpine.resolve("lib/apk/db/installed"), root.resolve("lib/apk/db/installed"));
    Files.copy(alpine.resolve("etc/os-release"), root.resolve("etc/os-release"));
    Path cache = Files.createDirectories(root.resolve("var/cache/apk"));
    Files.copy(
        Fixtures.resource("index/APKINDEX.5a59b88b.tar.gz"),
        cache.resolve("APKINDEX.5a59b88b.tar.gz"));
    UpgradeCheck check = PendingUpgrades.check(PackageDatabases.read(root));
    assertThat(check.supported()).as(check.note()).isTrue();
    assertThat(check.upgrades())
        .extracting(u -> u.installed().name() + " " + u.candidate())
        .containsExactly("musl 1.1.22-r4", "libcrypto1.1 1.1.1k-r0");
    assertThat(check.upgrades().get(0).origin()).isEqualTo("v3.10.9-2-gtest (APKINDEX.5a59b88b)");
    assertThat(check.upgrades().get(0).security()).isFalse();
  }

  @Test
  void alpine_withoutCache_saysRunApkUpdate() throws Exception {
    UpgradeCheck check =
        PendingUpgrades.check(PackageDatabases.read(Fixtures.rootfs("alpine-3.10.4")));
    assertThat(check.note()).contains("apk update");
  }

  @Test
  void rpm_notSupportedYet() throws Exception {
    UpgradeCheck check =
        PendingUpgrades.check(PackageDatabases.read(Fixtures.rootfs("rpm-sqlite")));
    assertThat(check.supported()).isFalse();
    assertThat(check.note()).contains("not supported for rpm");
  }

  @Test
  void emptyRoot_nothingToCheck() throws Exception {
    UpgradeCheck check = PendingUpgrades.check(PackageDatabases.read(tmp));
    assertThat(check.supported()).isFalse();
    assertThat(check.note()).contains("no package database");
  }
}
