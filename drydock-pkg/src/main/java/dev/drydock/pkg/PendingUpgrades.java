package dev.drydock.pkg;

import dev.drydock.model.InvalidValueException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out which installed packages have a newer version in the local package indices, as {@code
 * apt list --upgradable} or {@code apk version -l '<'} would, without running either: Debian reads
 * {@code var/lib/apt/lists}, Alpine {@code var/cache/apk/APKINDEX.*.tar.gz}. The candidate is the
 * highest version offered for the package's architecture; apt pinning and priorities are not
 * applied. RPM is not supported yet (its repository metadata is a separate project).
 */
public final class PendingUpgrades {
  private PendingUpgrades() {}

  /**
   * Compares the inventory's packages with the indices under its root.
   *
   * @throws PackageDatabaseException when an index is malformed, too large or unreadable
   */
  public static UpgradeCheck check(PackageInventory inventory) throws PackageDatabaseException {
    List<InstalledPackage> debs = inventory.packages(PackageType.DEB);
    List<InstalledPackage> apks = inventory.packages(PackageType.APK);
    if (!debs.isEmpty()) {
      return debian(inventory, debs);
    }
    if (!apks.isEmpty()) {
      return alpine(inventory, apks);
    }
    if (!inventory.packages(PackageType.RPM).isEmpty()) {
      return new UpgradeCheck(
          false,
          "pending upgrades are not supported for rpm yet; run 'dnf check-update' on the host",
          List.of(),
          List.of());
    }
    return new UpgradeCheck(false, "no package database found", List.of(), List.of());
  }

  private static UpgradeCheck debian(PackageInventory inventory, List<InstalledPackage> debs)
      throws PackageDatabaseException {
    VersionScheme scheme = scheme(inventory.ecosystem(), "Debian");
    if (scheme == null) {
      return noScheme(inventory.ecosystem());
    }
    Set<String> names = new HashSet<>();
    debs.forEach(p -> names.add(p.name()));
    List<java.nio.file.Path> read = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, List<AptLists.Offer>> offers =
        AptLists.offers(inventory.root(), names, read, skipped);
    List<PendingUpgrade> upgrades = new ArrayList<>();
    for (InstalledPackage p : debs) {
      List<AptLists.Offer> forArch =
          offers.getOrDefault(p.name(), List.of()).stream()
              .filter(o -> sameArch(p.architecture(), o.architecture()))
              .toList();
      AptLists.Offer best = AptLists.best(forArch, safe(scheme));
      if (best == null || newer(scheme, best.version(), p.version()) <= 0) {
        continue;
      }
      boolean security =
          forArch.stream()
              .anyMatch(o -> o.suite().security() && newer(scheme, o.version(), p.version()) > 0);
      upgrades.add(new PendingUpgrade(p, best.version(), best.suite().name(), security));
    }
    String note = read.isEmpty() ? "no apt package lists found; run 'apt-get update' first" : "";
    if (!skipped.isEmpty()) {
      note = (note.isEmpty() ? "" : note + "; ") + "skipped " + String.join(", ", skipped);
    }
    return new UpgradeCheck(true, note, read, upgrades);
  }

  private static UpgradeCheck alpine(PackageInventory inventory, List<InstalledPackage> apks)
      throws PackageDatabaseException {
    VersionScheme scheme = scheme(inventory.ecosystem(), "Alpine");
    if (scheme == null) {
      return noScheme(inventory.ecosystem());
    }
    List<java.nio.file.Path> read = new ArrayList<>();
    Map<String, List<ApkIndexes.Offer>> offers = ApkIndexes.offers(inventory.root(), read);
    List<PendingUpgrade> upgrades = new ArrayList<>();
    for (InstalledPackage p : apks) {
      ApkIndexes.Offer best = null;
      for (ApkIndexes.Offer o : offers.getOrDefault(p.name(), List.of())) {
        if (sameArch(p.architecture(), o.architecture())
            && (best == null || newer(scheme, o.version(), best.version()) > 0)) {
          best = o;
        }
      }
      if (best != null && newer(scheme, best.version(), p.version()) > 0) {
        // Alpine has no separate security repository: fixes land in the branch's main index.
        upgrades.add(new PendingUpgrade(p, best.version(), best.origin(), false));
      }
    }
    String note = read.isEmpty() ? "no apk index cache found; run 'apk update' first" : "";
    return new UpgradeCheck(true, note, read, upgrades);
  }

  private static @org.jspecify.annotations.Nullable VersionScheme scheme(
      String ecosystem, String fallback) {
    for (String name : List.of(ecosystem, fallback)) {
      try {
        return VersionSchemes.forEcosystem(name);
      } catch (UnknownEcosystemException e) {
        // try the next name
      }
    }
    return null;
  }

  private static UpgradeCheck noScheme(String ecosystem) {
    return new UpgradeCheck(
        false, "no version ordering for " + ecosystem + " is available yet", List.of(), List.of());
  }

  /** Orders versions; a version the scheme rejects ranks lowest, never becomes a candidate. */
  private static int newer(VersionScheme scheme, String a, String b) {
    boolean aOk = scheme.isValid(a);
    boolean bOk = scheme.isValid(b);
    if (!aOk || !bOk) {
      return Boolean.compare(aOk, bOk);
    }
    try {
      return scheme.compare(a, b);
    } catch (InvalidValueException e) {
      return 0;
    }
  }

  private static java.util.Comparator<String> safe(VersionScheme scheme) {
    return (a, b) -> newer(scheme, a, b);
  }

  private static boolean sameArch(String installed, String offered) {
    return installed.isEmpty()
        || offered.isEmpty()
        || installed.equals(offered)
        || offered.equals("all")
        || installed.equals("all")
        || offered.equals("noarch");
  }
}
