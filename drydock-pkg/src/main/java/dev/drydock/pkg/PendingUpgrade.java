package dev.drydock.pkg;

import java.util.Objects;

/**
 * An installed package for which the local package indices offer a newer version.
 *
 * @param installed the installed package
 * @param candidate the highest version the indices offer
 * @param origin where the candidate comes from, e.g. {@code bookworm-security} or an APKINDEX
 * @param security true when a security source (a {@code -security} suite or a security archive)
 *     offers a version newer than the installed one
 */
public record PendingUpgrade(
    InstalledPackage installed, String candidate, String origin, boolean security) {

  /** Validates the fields. */
  public PendingUpgrade {
    Objects.requireNonNull(installed, "installed");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(origin, "origin");
  }
}
