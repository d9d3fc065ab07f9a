package dev.drydock.bench;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import dev.drydock.pkg.InstalledPackage;
import dev.drydock.pkg.OsRelease;
import dev.drydock.pkg.PackageInventory;
import dev.drydock.pkg.PackageType;
import dev.drydock.pkg.PendingUpgrade;
import dev.drydock.pkg.RebootStatus;
import dev.drydock.pkg.UpgradeCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns host patch facts into findings; rule ids are stable, documented in docs/host.md. */
final class PatchFindings {
  static final String OS = "host-os";
  static final String UPGRADE = "host-pending-upgrade";
  static final String REBOOT = "host-reboot-required";
  static final String KERNEL = "host-kernel";
  private static final String TITLE = "OS package is up to date";

  private PatchFindings() {}

  static List<Finding> all(HostInventory inv) {
    List<Finding> out = new ArrayList<>();
    out.add(os(inv.packages()));
    out.addAll(upgrades(inv.packages(), inv.upgrades()));
    out.add(reboot(inv.reboot()));
    out.add(kernel(inv.reboot()));
    return out;
  }

  static Finding os(PackageInventory p) {
    Optional<OsRelease> os = p.osRelease();
    String name = os.map(OsRelease::prettyName).orElse("unknown OS (no os-release)");
    String dbs =
        p.databases().isEmpty()
            ? "no package database"
            : p.databases().stream()
                .map(d -> relative(p.root(), d))
                .collect(Collectors.joining(", "));
    // Finding nothing is not a clean bill of health: a wrong --root or an unsupported database
    // must not read as "fully patched".
    boolean found = !p.databases().isEmpty();
    Finding.Builder b =
        Finding.builder(OS, "Operating system and installed packages")
            .severity(found ? Severity.INFO : Severity.HIGH)
            .status(found ? Status.PASS : Status.ERROR)
            .remediation(
                found
                    ? ""
                    : "Point --root at the root of a Debian/Ubuntu (dpkg), Alpine (apk) or"
                        + " RHEL/Fedora/SUSE (rpm SQLite) file system.")
            .subject(name)
            .evidence(
                p.packages().size() + " packages from " + dbs + "; OSV ecosystem " + p.ecosystem())
            .property("ecosystem", p.ecosystem())
            .property("packages", Integer.toString(p.packages().size()));
    os.ifPresent(
        r ->
            b.property("id", r.id())
                .property("versionId", r.versionId())
                .property("codename", r.versionCodename()));
    return b.build();
  }

  static List<Finding> upgrades(PackageInventory p, UpgradeCheck check) {

    if (!check.supported()) {
      return List.of(
          Finding.builder(UPGRADE, TITLE)
              .severity(Severity.INFO)
              .status(Status.NOT_APPLICABLE)
              .evidence(check.note())
              .build());
    }
    if (check.upgrades().isEmpty()) {
      boolean blind = check.indices().isEmpty();
      return List.of(
          Finding.builder(UPGRADE, TITLE)
              .severity(Severity.INFO)
              .status(blind ? Status.MANUAL : Status.PASS)
              .evidence(
                  blind
                      ? check.note()
                      : "no upgrade in "
                          + check.indices().size()
                          + " package indices"
                          + (check.note().isEmpty() ? "" : "; " + check.note()))
              .remediation(blind ? refresh(p) : "")
              .build());
    }
    List<Finding> out = new ArrayList<>();
    for (PendingUpgrade u : check.upgrades()) {
      out.add(upgrade(u));
    }
    return out;
  }

  private static Finding upgrade(PendingUpgrade u) {
    InstalledPackage i = u.installed();
    return Finding.builder(UPGRADE, TITLE)
        .severity(u.security() ? Severity.HIGH : Severity.LOW)
        .status(Status.FAIL)
        .subject(i.label())
        .evidence(
            "candidate "
                + u.candidate()
                + " from "
                + u.origin()
                + (u.security() ? " (security)" : ""))
        .remediation(command(i))
        .property("package", i.name())
        .property("installed", i.version())
        .property("candidate", u.candidate())
        .property("source", u.origin())
        .property("security", Boolean.toString(u.security()))
        .property("sourcePackage", i.sourceName())
        .property("ecosystem", i.ecosystem())
        .property("type", i.type().label())
        .build();
  }

  private static String command(InstalledPackage i) {
    return switch (i.type()) {
      case DEB -> "apt-get install --only-upgrade " + i.name();
      case APK -> "apk upgrade " + i.name();
      case RPM -> "dnf upgrade " + i.name();
    };
  }

  private static String refresh(PackageInventory p) {
    return p.packages(PackageType.APK).isEmpty()
        ? "Run 'apt-get update', then check again."
        : "Run 'apk update', then check again.";
  }

  static Finding reboot(RebootStatus r) {
    Finding.Builder b =
        Finding.builder(REBOOT, "No reboot is pending")
            .severity(Severity.MEDIUM)
            .status(
                r.required()
                    ? Status.FAIL
                    : r.runningKernel().isEmpty() || r.newestKernel().isEmpty()
                        ? Status.NOT_APPLICABLE
                        : Status.PASS)
            .evidence(
                r.required()
                    ? String.join("; ", r.reasons())
                    : "no reboot-required flag; " + kernelState(r))
            .remediation(r.required() ? "Reboot the host in a maintenance window." : "");
    if (!r.packages().isEmpty()) {
      b.property("packages", String.join(" ", r.packages()));
    }
    return b.build();
  }

  private static String kernelState(RebootStatus r) {
    if (r.newestKernel().isEmpty()) {
      return "no kernel package installed";
    }
    if (r.runningKernel().isEmpty()) {
      return "running kernel unknown";
    }
    return "running kernel "
        + r.runningKernel()
        + " is not older than installed "
        + r.newestKernel();
  }

  static Finding kernel(RebootStatus r) {
    return Finding.builder(KERNEL, "Running and installed kernel")
        .severity(Severity.INFO)
        .status(Status.PASS)
        .evidence(
            "running "
                + (r.runningKernel().isEmpty() ? "unknown" : r.runningKernel())
                + ", newest installed "
                + (r.newestKernel().isEmpty() ? "none (no kernel package)" : r.newestKernel()))
        .property("running", r.runningKernel())
        .property("installed", r.newestKernel())
        .build();
  }

  static String relative(Path root, Path p) {
    return "/" + root.relativize(p);
  }
}
