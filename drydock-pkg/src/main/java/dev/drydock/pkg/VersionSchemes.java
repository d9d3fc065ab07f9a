package dev.drydock.pkg;

import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@link VersionScheme} for an OSV ecosystem name ({@code affected[].package.ecosystem}
 * in an OSV record, see https://ossf.github.io/osv-schema/#affectedpackage-field).
 *
 * <p>The name may carry a release suffix after the first colon ({@code Debian:12}, {@code
 * Alpine:v3.20}, {@code Ubuntu:22.04:LTS}, {@code Red Hat:enterprise_linux:9::appstream}); only the
 * part before it selects the scheme. Names are matched exactly as OSV spells them.
 */
public final class VersionSchemes {
  private static final Set<String> SUPPORTED =
      Set.of(
          "Debian",
          "Ubuntu",
          "Red Hat",
          "AlmaLinux",
          "Rocky Linux",
          "SUSE",
          "openSUSE",
          "Photon OS",
          "Azure Linux",
          "Mageia",
          "openEuler",
          "Alpine",
          "Wolfi",
          "Chainguard",
          "MinimOS",
          "Maven",
          "npm",
          "Go",
          "crates.io",
          "PyPI",
          "RubyGems",
          "NuGet");

  private VersionSchemes() {}

  /**
   * Returns the version scheme for an OSV ecosystem.
   *
   * @param osvEcosystem an OSV ecosystem name, optionally with a {@code :<release>} suffix
   * @return the scheme; its {@link VersionScheme#ecosystem()} is the base name (without suffix)
   * @throws UnknownEcosystemException when no scheme is known for the ecosystem
   */
  public static VersionScheme forEcosystem(String osvEcosystem) {
    int colon = osvEcosystem.indexOf(':');
    String base = colon >= 0 ? osvEcosystem.substring(0, colon) : osvEcosystem;
    return switch (base) {
      case "Debian", "Ubuntu" -> new DebianVersionScheme(base);
      case "Red Hat",
          "AlmaLinux",
          "Rocky Linux",
          "SUSE",
          "openSUSE",
          "Photon OS",
          "Azure Linux",
          "Mageia",
          "openEuler" ->
          new RpmVersionScheme(base);
      case "Alpine", "Wolfi", "Chainguard", "MinimOS" -> new AlpineVersionScheme(base);
      case "Maven" -> new MavenVersionScheme();
      case "npm" -> new SemVerScheme(base, SemVerScheme.Dialect.NPM);
      case "Go" -> new SemVerScheme(base, SemVerScheme.Dialect.GO);
      case "crates.io" -> new SemVerScheme(base, SemVerScheme.Dialect.CARGO);
      case "PyPI" -> new PypiVersionScheme();
      case "RubyGems" -> new RubyGemsVersionScheme();
      case "NuGet" -> new NuGetVersionScheme();
      default -> throw new UnknownEcosystemException(osvEcosystem, supported());
    };
  }

  /**
   * Returns plain SemVer 2.0.0 ordering (https://semver.org/spec/v2.0.0.html §11), which OSV
   * prescribes for ranges of type {@code SEMVER} whatever the ecosystem: strict syntax without a
   * {@code v} prefix, build metadata ignored. Its {@link VersionScheme#ecosystem()} is {@code
   * SemVer}.
   */
  public static VersionScheme semver() {
    return new SemVerScheme("SemVer", SemVerScheme.Dialect.STRICT);
  }

  /** {@return the base OSV ecosystem names {@link #forEcosystem} accepts, sorted} */
  public static Set<String> supported() {
    return java.util.Collections.unmodifiableSet(new TreeSet<>(SUPPORTED));
  }
}
