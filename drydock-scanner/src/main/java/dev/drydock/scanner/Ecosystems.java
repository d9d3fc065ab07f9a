package dev.drydock.scanner;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OSV ecosystem names: the base name before the first {@code :}, whether an ecosystem is an OS
 * distribution (matched on source packages), how record and package ecosystems correspond, and name
 * normalisation where the ecosystem treats names case- or punctuation-insensitively.
 */
final class Ecosystems {
  /**
   * OS ecosystems of <a href="https://ossf.github.io/osv-schema/#affectedpackage-field">OSV</a>.
   */
  private static final Set<String> OS =
      Set.of(
          "AlmaLinux",
          "Alpine",
          "Azure Linux",
          "Chainguard",
          "Debian",
          "Echo",
          "Mageia",
          "MinimOS",
          "openEuler",
          "openSUSE",
          "Photon OS",
          "Red Hat",
          "Rocky Linux",
          "SUSE",
          "Ubuntu",
          "Wolfi");

  private static final Pattern PEP503 = Pattern.compile("[-_.]+");

  private Ecosystems() {}

  /** {@return the ecosystem without its release suffix: {@code Debian:12} → {@code Debian}} */
  static String base(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
  }

  static boolean isOs(String ecosystem) {
    return OS.contains(base(ecosystem));
  }

  /**
   * Whether an advisory for {@code recordEcosystem} applies to a package of {@code
   * packageEcosystem}: the same name; or an advisory without a release for any release ({@code
   * Debian} covers {@code Debian:12}); or an advisory whose release carries a further qualifier
   * ({@code Ubuntu:22.04:LTS} covers {@code Ubuntu:22.04}). {@code Debian:12} never covers {@code
   * Debian:11}.
   */
  static boolean covers(String recordEcosystem, String packageEcosystem) {
    if (recordEcosystem.equals(packageEcosystem)) {
      return true;
    }
    if (recordEcosystem.indexOf(':') < 0) {
      return recordEcosystem.equals(base(packageEcosystem));
    }
    return packageEcosystem.indexOf(':') >= 0 && recordEcosystem.startsWith(packageEcosystem + ":");
  }

  /**
   * {@return the name as the index stores it}: PyPI names normalised per PEP 503 (lower case, runs
   * of {@code -_.} as one {@code -}); NuGet ids lower-cased (they are case-insensitive); others as
   * they are.
   */
  static String normaliseName(String ecosystem, String name) {
    return switch (base(ecosystem)) {
      case "PyPI" -> PEP503.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
      case "NuGet", "Packagist" -> name.toLowerCase(Locale.ROOT);
      default -> name;
    };
  }

  /** {@return the index key of a package: base ecosystem and normalised name} */
  static String key(String ecosystem, String name) {
    return base(ecosystem) + ":" + normaliseName(ecosystem, name);
  }
}
