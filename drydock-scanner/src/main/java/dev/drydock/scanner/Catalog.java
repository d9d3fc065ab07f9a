package dev.drydock.scanner;

import dev.drydock.pkg.OsRelease;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an image holds: its OS and its packages, found by {@link ImageCatalog}.
 *
 * @param os the OS from the image's os-release, or null when it has none (scratch, distroless
 *     without os-release, busybox)
 * @param packages every package, sorted by ecosystem, name, version and location
 * @param problems files that looked like package evidence but could not be read (malformed,
 *     oversized, a zip bomb), each naming the path and the reason; the scan carries on past them
 */
public record Catalog(@Nullable OsRelease os, List<ImagePackage> packages, List<String> problems) {

  /** Copies the lists. */
  public Catalog {
    packages = List.copyOf(packages);
    problems = List.copyOf(problems);
  }

  /** {@return the OS, if the image names one} */
  public Optional<OsRelease> osRelease() {
    return Optional.ofNullable(os);
  }

  /** {@return the packages of one cataloguer, e.g. {@code deb}, {@code java-archive}} */
  public List<ImagePackage> by(String cataloguer) {
    return packages.stream().filter(p -> p.cataloguer().equals(cataloguer)).toList();
  }
}
