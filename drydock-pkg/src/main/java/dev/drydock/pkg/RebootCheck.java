package dev.drydock.pkg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a host needs a reboot: the flag files that Debian and Ubuntu package scripts
 * write ({@code /var/run/reboot-required}, {@code /run/reboot-required}, with the packages that
 * asked in {@code .pkgs}), or a running kernel older than the newest installed kernel package
 * ({@code linux-image-*} for Debian, {@code kernel}/{@code kernel-core} for rpm, {@code
 * linux-lts}/{@code linux-virt}/... for Alpine).
 */
public final class RebootCheck {
  private static final List<String> FLAGS =
      List.of("var/run/reboot-required", "run/reboot-required");

  private RebootCheck() {}

  /**
   * Evaluates the root's reboot status.
   *
   * @param runningKernel the running kernel release as {@code uname -r} prints it; null or empty
   *     when unknown (an image, another host's disk)
   * @throws PackageDatabaseException when a flag file is unreadable or too large
   */
  public static RebootStatus evaluate(PackageInventory inventory, @Nullable String runningKernel)
      throws PackageDatabaseException {
    String running = runningKernel == null ? "" : runningKernel.strip();
    List<String> reasons = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    for (String flag : FLAGS) {
      Path file = RootPaths.resolve(inventory.root(), flag);
      if (BoundedFiles.readIfExists(file, BoundedFiles.MAX_SMALL_BYTES) != null) {
        reasons.add("/" + flag + " exists");
        byte[] pkgs =
            BoundedFiles.readIfExists(
                RootPaths.resolve(inventory.root(), flag + ".pkgs"), BoundedFiles.MAX_SMALL_BYTES);
        if (pkgs != null) {
          for (String line : new String(pkgs, StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isBlank()) {
              packages.add(line.strip());
            }
          }
        }
      }
    }
    String newest = "";
    for (InstalledPackage p : inventory.packages()) {
      String release = kernelRelease(p);
      if (!release.isEmpty() && (newest.isEmpty() || KernelReleases.compare(release, newest) > 0)) {
        newest = release;
      }
    }
    if (!newest.isEmpty() && !running.isEmpty() && KernelReleases.compare(newest, running) > 0) {
      reasons.add("running kernel " + running + " is older than installed kernel " + newest);
    }
    return new RebootStatus(!reasons.isEmpty(), reasons, List.copyOf(packages), running, newest);
  }

  /**
   * The kernel release ({@code uname -r} form) a package installs, or empty when it is not a kernel
   * image package.
   */
  static String kernelRelease(InstalledPackage p) {
    String name = p.name();
    return switch (p.type()) {
      case DEB -> {
        // linux-image-6.1.0-28-amd64; meta packages (linux-image-amd64) name no release.
        String rest =
            name.startsWith("linux-image-unsigned-")
                ? name.substring("linux-image-unsigned-".length())
                : name.startsWith("linux-image-") ? name.substring("linux-image-".length()) : "";
        yield !rest.isEmpty() && Character.isDigit(rest.charAt(0)) ? rest : "";
      }
      case RPM -> {
        if (!name.equals("kernel") && !name.equals("kernel-core")) {
          yield "";
        }
        String evr = p.version();
        String vr = evr.substring(evr.indexOf(':') + 1);
        yield vr + (p.architecture().isEmpty() ? "" : "." + p.architecture());
      }
      case APK -> {
        // linux-lts 5.15.74-r0 boots as 5.15.74-0-lts.
        if (!name.startsWith("linux-")
            || name.equals("linux-firmware")
            || name.startsWith("linux-firmware-")
            || name.contains("headers")
            || name.contains("-dev")) {
          yield "";
        }
        String flavor = name.substring("linux-".length());
        int r = p.version().lastIndexOf("-r");
        yield r < 0
            ? ""
            : p.version().substring(0, r) + "-" + p.version().substring(r + 2) + "-" + flavor;
      }
    };
  }
}
