package dev.drydock.bench;

import dev.drydock.pkg.PackageInventory;
import dev.drydock.pkg.RebootStatus;
import dev.drydock.pkg.UpgradeCheck;
import java.util.Objects;

/**
 * Everything host patch status found: the OS release and installed packages, the pending upgrades
 * from the local package indices, and the reboot status.
 *
 * @param packages the OS release and every installed package, each carrying its source package and
 *     OSV ecosystem for advisory matching
 * @param upgrades the pending upgrades, or why they could not be worked out
 * @param reboot whether a reboot is required, and the running and newest kernels
 */
public record HostInventory(PackageInventory packages, UpgradeCheck upgrades, RebootStatus reboot) {

  /** Validates the parts. */
  public HostInventory {
    Objects.requireNonNull(packages, "packages");
    Objects.requireNonNull(upgrades, "upgrades");
    Objects.requireNonNull(reboot, "reboot");
  }
}
