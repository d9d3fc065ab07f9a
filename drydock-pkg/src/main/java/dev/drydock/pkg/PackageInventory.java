package dev.drydock.pkg;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PackageDatabases#read} found in a root filesystem.
 *
 * @param root the root that was read
 * @param os its os-release, or null when it has none
 * @param ecosystem the OSV ecosystem stamped on every package, e.g. {@code Debian:12}
 * @param databases the database files and directories that were read, e.g. {@code
 *     <root>/var/lib/dpkg/status}; empty when none was found
 * @param packages every installed package, in database order
 */
public record PackageInventory(
    Path root,
    @Nullable OsRelease os,
    String ecosystem,
    List<Path> databases,
    List<InstalledPackage> packages) {

  /** Copies the lists. */
  public PackageInventory {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(ecosystem, "ecosystem");
    databases = List.copyOf(databases);
    packages = List.copyOf(packages);
  }

  /** {@return the os-release, when the root has one} */
  public Optional<OsRelease> osRelease() {
    return Optional.ofNullable(os);
  }

  /** {@return the installed packages of this type} */
  public List<InstalledPackage> packages(PackageType type) {
    return packages.stream().filter(p -> p.type() == type).toList();
  }
}
