package dev.drydock.pkg;

import dev.drydock.model.InvalidValueException;
import java.util.List;
import java.util.Objects;

/**
 * One OS package installed in a root filesystem, with what advisory matching needs: the source
 * package (Debian and Alpine advisories are keyed by it) and the OSV ecosystem of the OS it came
 * from.
 *
 * @param type the package format
 * @param ecosystem the OSV ecosystem, e.g. {@code Debian:12} or {@code Alpine:v3.10}; just {@code
 *     Debian}/{@code Alpine}/... when the OS version is unknown; never blank
 * @param name the binary package name, e.g. {@code libssl3}
 * @param version the full version as the package manager prints it, with the epoch where the format
 *     has one ({@code 1:9.2p1-2+deb12u3}, rpm {@code 1:3.0.7-27.el9})
 * @param architecture e.g. {@code amd64}, {@code x86_64}, {@code all}; empty when not recorded
 * @param sourceName the source package ({@code Source:} for dpkg, origin for apk, the SOURCERPM
 *     name for rpm); the binary name when none is recorded
 * @param sourceVersion the source package's version; the binary version when none is recorded
 * @param maintainer the maintainer or packager; empty when not recorded
 * @param installedSize installed size in bytes; {@code -1} when not recorded
 * @param files the paths the package owns, absolute ({@code /usr/bin/openssl}); empty when the
 *     database does not list them
 */
public record InstalledPackage(
    PackageType type,
    String ecosystem,
    String name,
    String version,
    String architecture,
    String sourceName,
    String sourceVersion,
    String maintainer,
    long installedSize,
    List<String> files) {

  /** Validates the fields and copies the file list. */
  public InstalledPackage {
    Objects.requireNonNull(type, "type");
    requireText(ecosystem, "ecosystem");
    requireText(name, "name");
    requireText(version, "version");
    Objects.requireNonNull(architecture, "architecture");
    requireText(sourceName, "source name");
    requireText(sourceVersion, "source version");
    Objects.requireNonNull(maintainer, "maintainer");
    if (installedSize < -1) {
      throw new InvalidValueException(
          "installed size", Long.toString(installedSize), "use -1 for unknown or a byte count");
    }
    files = List.copyOf(files);
  }

  /** {@return e.g. {@code deb:openssl 3.0.11-1~deb12u1}, the subject used in findings} */
  public String label() {
    return type.label() + ":" + name + " " + version;
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new InvalidValueException("package " + what, value, "it must not be blank");
    }
  }
}
