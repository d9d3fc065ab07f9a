package dev.drydock.pkg;

/** The OS package formats drydock reads; each names its package URL type. */
public enum PackageType {
  /** Debian packages from the dpkg database. */
  DEB,
  /** Alpine packages from the apk installed database. */
  APK,
  /** RPM packages from the rpm database. */
  RPM;

  /** {@return the purl type, also used as a short label: {@code deb}, {@code apk}, {@code rpm}} */
  public String label() {
    return switch (this) {
      case DEB -> "deb";
      case APK -> "apk";
      case RPM -> "rpm";
    };
  }
}
