package dev.drydock.bench;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.pkg.PackageDatabaseException;
import dev.drydock.pkg.PackageDatabases;
import dev.drydock.pkg.PackageInventory;
import dev.drydock.pkg.PendingUpgrades;
import dev.drydock.pkg.RebootCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Host patch status ({@code drydock host}): the OS packages installed under a root (dpkg, apk,
 * rpm), the upgrades the local package indices offer (security ones marked), and whether a reboot
 * is required, as a {@link Report} of tool {@code host}. The root is a host's {@code /} or any
 * directory holding a root filesystem.
 */
public final class HostPatchStatus {
  private HostPatchStatus() {}

  /**
   * Reads only the OS release and the installed packages (no indices), for listing them.
   *
   * @throws BenchException naming the file when a package database cannot be read
   */
  public static PackageInventory packages(Path root) throws BenchException {
    try {
      return PackageDatabases.read(root);
    } catch (PackageDatabaseException e) {
      throw wrap(e);
    }
  }

  /**
   * Collects packages, pending upgrades and reboot status.
   *
   * @param runningKernel the running kernel release ({@code uname -r}); null when unknown, e.g. for
   *     a root that is not the running host
   * @throws BenchException naming the file when a database, index or flag file cannot be read
   */
  public static HostInventory collect(Path root, @Nullable String runningKernel)
      throws BenchException {
    PackageInventory inventory = packages(root);
    try {
      return new HostInventory(
          inventory,
          PendingUpgrades.check(inventory),
          RebootCheck.evaluate(inventory, runningKernel));
    } catch (PackageDatabaseException e) {
      throw wrap(e);
    }
  }

  /**
   * Collects and reports: one finding for the OS, one per pending upgrade (or one saying there is
   * none or why it cannot be told), one for the reboot status and one for the kernel.
   */
  public static Report run(
      Path root, @Nullable String runningKernel, String toolVersion, Clock clock)
      throws BenchException {
    Instant started = clock.instant();
    HostInventory inventory = collect(root, runningKernel);
    return report(inventory, toolVersion, started, clock.instant());
  }

  /** {@return the report for collected facts} */
  public static Report report(
      HostInventory inventory, String toolVersion, Instant started, Instant finished) {
    List<Finding> findings = PatchFindings.all(inventory);
    return new Report(
        "host", toolVersion, inventory.packages().root().toString(), started, finished, findings);
  }

  private static BenchException wrap(PackageDatabaseException e) {
    return new BenchException(String.valueOf(e.getMessage()), e);
  }
}
