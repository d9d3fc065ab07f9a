package dev.drydock.pkg;

import java.util.List;
import java.util.Objects;

/**
 * Whether the host needs a reboot to run what is installed.
 *
 * @param required true when a reboot-required flag file exists or a newer kernel is installed than
 *     the one running
 * @param reasons why, one line each; empty when not required
 * @param packages the packages that asked for it ({@code reboot-required.pkgs}), if listed
 * @param runningKernel the running kernel release ({@code uname -r}); empty when unknown
 * @param newestKernel the newest installed kernel release; empty when no kernel package is
 *     installed (a container image)
 */
public record RebootStatus(
    boolean required,
    List<String> reasons,
    List<String> packages,
    String runningKernel,
    String newestKernel) {

  /** Copies the lists. */
  public RebootStatus {
    reasons = List.copyOf(reasons);
    packages = List.copyOf(packages);
    Objects.requireNonNull(runningKernel, "runningKernel");
    Objects.requireNonNull(newestKernel, "newestKernel");
  }
}
