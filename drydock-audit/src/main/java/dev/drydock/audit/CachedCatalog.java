package dev.drydock.audit;

import dev.drydock.scanner.ImagePackage;
import java.util.List;
import java.util.Objects;

/**
 * What the audit keeps of an image's catalogue: enough to match vulnerabilities again without
 * reading the image.
 *
 * @param os the OS's pretty name, or empty
 * @param packages the packages
 * @param problems files that could not be catalogued
 */
record CachedCatalog(String os, List<ImagePackage> packages, List<String> problems) {
  CachedCatalog {
    Objects.requireNonNull(os, "os");
    packages = List.copyOf(packages);
    problems = List.copyOf(problems);
  }
}
