package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pkg.InstalledPackage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An installed package to look up advisories for.
 *
 * <p>For OS ecosystems (Debian, Ubuntu, Alpine, Red Hat, ...) advisories are keyed by source
 * package (dpkg {@code Source:}, apk origin, rpm SOURCERPM name), so the source name and version
 * are used when given; language ecosystems use the package name and version.
 *
 * @param ecosystem the OSV ecosystem including the release for OS packages ({@code Debian:12},
 *     {@code Alpine:v3.20}, {@code Maven}, {@code npm}, {@code PyPI}, {@code Go}, ...)
 * @param name the package name ({@code org.apache.logging.log4j:log4j-core} for Maven)
 * @param version the installed version
 * @param sourceName the source package name, or null when the package is its own source
 * @param sourceVersion the source package version, or null when it equals {@code version}
 */
public record PackageQuery(
    String ecosystem,
    String name,
    String version,
    @Nullable String sourceName,
    @Nullable String sourceVersion) {

  /** Checks that ecosystem, name and version are present. */
  public PackageQuery {
    require("ecosystem", ecosystem);
    require("name", name);
    require("version", version);
  }

  /** {@return a query for a package that is its own source (all language packages)} */
  public static PackageQuery of(String ecosystem, String name, String version) {
    return new PackageQuery(ecosystem, name, version, null, null);
  }

  /**
   * {@return a query for a package read from an OS package database (dpkg, apk, rpm): its source
   * name and version are what OS advisories are keyed by}
   */
  public static PackageQuery of(InstalledPackage pkg) {
    return new PackageQuery(
        pkg.ecosystem(), pkg.name(), pkg.version(), pkg.sourceName(), pkg.sourceVersion());
  }

  /** {@return the name advisories are keyed by: the source name for OS packages} */
  public String matchName() {
    return Ecosystems.isOs(ecosystem) && sourceName != null && !sourceName.isBlank()
        ? sourceName
        : name;
  }

  /** {@return the version compared against advisory ranges} */
  public String matchVersion() {
    return Ecosystems.isOs(ecosystem) && sourceVersion != null && !sourceVersion.isBlank()
        ? sourceVersion
        : version;
  }

  private static void require(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.length() > OsvLimits.MAX_NAME_CHARS) {
      throw new InvalidValueException("package " + what, value, "expected non-blank text");
    }
  }
}
