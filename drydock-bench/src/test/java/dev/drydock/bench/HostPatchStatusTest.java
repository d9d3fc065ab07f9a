package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPatchStatusTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path root;

  @Test
  void debianTree_pendingSecurityAndRegularUpgrades_rebootAndKernel() throws Exception {
    debianTree(root);
    Files.createDirectories(root.resolve("run"));
    Files.writeString(root.resolve("run/reboot-required"), "");
    Report report = HostPatchStatus.run(root, "6.1.0-13-amd64", "0.1.0", CLOCK);

    assertThat(report.tool()).isEqualTo("host");
    assertThat(report.target()).isEqualTo(root.toString());
    Finding os = only(report, "host-os");
    assertThat(os.subject()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(os.status()).isEqualTo(Status.PASS);
    assertThat(os.properties())
        .containsEntry("ecosystem", "Debian:12")
        .containsEntry("packages", "4")
        .containsEntry("codename", "bookworm");
    assertThat(os.evidence()).contains("/var/lib/dpkg/status");

    List<Finding> upgrades = all(report, "host-pending-upgrade");
    assertThat(upgrades)
        .extracting(Finding::subject)
        .containsExactly(
            "deb:openssl 3.0.11-1~deb12u1",
            "deb:apt 2.6.1",
            "deb:linux-image-6.1.0-28-amd64 6.1.119-1");
    Finding openssl = upgrades.get(0);
    assertThat(openssl.severity()).isEqualTo(Severity.HIGH);
    assertThat(openssl.status()).isEqualTo(Status.FAIL);
    assertThat(openssl.evidence())
        .isEqualTo("candidate 3.0.15-1~deb12u1 from bookworm-security (security)");
    assertThat(openssl.remediation()).isEqualTo("apt-get install --only-upgrade openssl");
    assertThat(openssl.properties())
        .containsEntry("package", "openssl")
        .containsEntry("installed", "3.0.11-1~deb12u1")
        .containsEntry("candidate", "3.0.15-1~deb12u1")
        .containsEntry("source", "bookworm-security")
        .containsEntry("security", "true")
        .containsEntry("sourcePackage", "openssl")
        .containsEntry("ecosystem", "Debian:12");
    Finding apt = upgrades.get(1);
    assertThat(apt.severity()).isEqualTo(Severity.LOW);
    assertThat(apt.properties())
        .containsEntry("security", "false")
        .containsEntry("source", "bookworm");

    Finding reboot = only(report, "host-reboot-required");
    assertThat(reboot.status()).isEqualTo(Status.FAIL);
    assertThat(reboot.evidence())
        .contains("/run/reboot-required exists")
        .contains("running kernel 6.1.0-13-amd64 is older than installed kernel 6.1.0-28-amd64");
    Finding kernel = only(report, "host-kernel");
    assertThat(kernel.properties())
        .containsEntry("running", "6.1.0-13-amd64")
        .containsEntry("installed", "6.1.0-28-amd64");
    assertThat(report.worstProblem()).contains(Severity.HIGH);
    assertThat(report.started()).isEqualTo(CLOCK.instant());
  }

  @Test
  void debianTree_upToDateKernel_noReboot() throws Exception {
    debianTree(root);
    Report report = HostPatchStatus.run(root, "6.1.0-28-amd64", "0.1.0", CLOCK);
    Finding reboot = only(report, "host-reboot-required");
    assertThat(reboot.status()).isEqualTo(Status.PASS);
    assertThat(reboot.evidence()).contains("is not older than installed 6.1.0-28-amd64");
  }

  @Test
  void noLists_isManualWithRemediation() throws Exception {
    debianTree(root);
    deleteTree(root.resolve("var/lib/apt"));
    Report report = HostPatchStatus.run(root, null, "0.1.0", CLOCK);
    Finding f = only(report, "host-pending-upgrade");
    assertThat(f.status()).isEqualTo(Status.MANUAL);
    assertThat(f.evidence()).contains("apt-get update");
    assertThat(f.remediation()).contains("apt-get update");
    assertThat(only(report, "host-kernel").evidence()).contains("running unknown");
  }

  @Test
  void upToDate_isPass() throws Exception {
    debianTree(root);
    Files.writeString(
        root.resolve(
            "var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages"),
        "Package: openssl\nVersion: 3.0.11-1~deb12u1\nArchitecture: amd64\n");
    Files.delete(
        root.resolve(
            "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"));
    Report report = HostPatchStatus.run(root, "6.1.0-28-amd64", "0.1.0", CLOCK);
    Finding f = only(report, "host-pending-upgrade");
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.evidence()).isEqualTo("no upgrade in 1 package indices");
    assertThat(report.worstProblem()).isEmpty();
  }

  @Test
  void rpmTree_upgradesNotApplicable() throws Exception {
    Path db = Files.createDirectories(root.resolve("usr/lib/sysimage/rpm")).resolve("rpmdb.sqlite");
    Files.writeString(db, "");
    // An empty file is not an rpm database: the error names it.
    assertThatThrownBy(() -> HostPatchStatus.run(root, null, "0.1.0", CLOCK))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining(db.toString());
  }

  @Test
  void emptyRoot_isAnError_neverAClean() throws Exception {
    // A wrong --root must not read as "fully patched" (review finding).
    HostInventory inv = HostPatchStatus.collect(root, null);
    assertThat(inv.packages().packages()).isEmpty();
    Report report = HostPatchStatus.report(inv, "0.1.0", CLOCK.instant(), CLOCK.instant());
    assertThat(only(report, "host-os").subject()).isEqualTo("unknown OS (no os-release)");
    assertThat(only(report, "host-os").status()).isEqualTo(Status.ERROR);
    assertThat(report.findings()).anyMatch(Finding::isProblem);
    assertThat(only(report, "host-reboot-required").status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(only(report, "host-pending-upgrade").status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(only(report, "host-reboot-required").evidence())
        .contains("no kernel package installed");
  }

  @Test
  void packagesOnly_listsInventory() throws Exception {
    debianTree(root);
    assertThat(HostPatchStatus.packages(root).packages())
        .extracting(p -> p.name())
        .containsExactly("openssl", "apt", "gzip", "linux-image-6.1.0-28-amd64");
  }

  @Test
  void missingRoot_isBenchException() {
    assertThatThrownBy(() -> HostPatchStatus.packages(root.resolve("nope")))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("not a directory");
  }

  /** A tiny Debian 12 host: four packages, bookworm and bookworm-security lists. */
  static void debianTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(
        root.resolve("var/lib/dpkg/status"),
        """
        Package: openssl
        Status: install ok installed
        Architecture: amd64
        Version: 3.0.11-1~deb12u1

        Package: apt
        Status: install ok installed
        Architecture: amd64
        Version: 2.6.1

        Package: gzip
        Status: install ok installed
        Architecture: amd64
        Version: 1.12-1

        Package: linux-image-6.1.0-28-amd64
        Status: install ok installed
        Architecture: amd64
        Source: linux-signed-amd64 (6.1.119+1)
        Version: 6.1.119-1
        """);
    Path lists = Files.createDirectories(root.resolve("var/lib/apt/lists"));
    Files.writeString(
        lists.resolve("deb.debian.org_debian_dists_bookworm_InRelease"),
        "Origin: Debian\nLabel: Debian\nSuite: oldstable\nCodename: bookworm\n");
    Files.writeString(
        lists.resolve("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"),
        """
        Package: apt
        Version: 2.6.2
        Architecture: amd64

        Package: gzip
        Version: 1.12-1
        Architecture: amd64

        Package: linux-image-6.1.0-28-amd64
        Version: 6.1.123-1
        Architecture: amd64
        """);
    Files.writeString(
        lists.resolve("deb.debian.org_debian-security_dists_bookworm-security_Release"),
        "Origin: Debian\nLabel: Debian-Security\nSuite: oldstable-security\nCodename: bookworm-security\n");
    Files.writeString(
        lists.resolve(
            "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages"),
        "Package: openssl\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\n");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Finding only(Report r, String rule) {
    return all(r, rule).stream()
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one " + rule);
            })
        .orElseThrow();
  }

  private static List<Finding> all(Report r, String rule) {
    return r.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
  }
}
