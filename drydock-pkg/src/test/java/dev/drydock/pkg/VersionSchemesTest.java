package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The factory: OSV ecosystem names (with release suffixes) to schemes, and its errors. */
class VersionSchemesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Debian:12|Debian",
        "Debian|Debian",
        "Ubuntu:22.04:LTS|Ubuntu",
        "Ubuntu:Pro:18.04:LTS|Ubuntu",
        "Alpine:v3.20|Alpine",
        "Wolfi|Wolfi",
        "Red Hat:enterprise_linux:9::appstream|Red Hat",
        "Rocky Linux:9|Rocky Linux",
        "openSUSE:Leap 15.5|openSUSE",
        "Maven|Maven",
        "Maven:https://maven.google.com|Maven",
        "npm|npm",
        "PyPI|PyPI",
        "Go|Go",
        "crates.io|crates.io",
        "RubyGems|RubyGems",
        "NuGet|NuGet"
      })
  void picksTheSchemeByTheBaseName(String osvEcosystem, String base) {
    assertThat(VersionSchemes.forEcosystem(osvEcosystem).ecosystem()).isEqualTo(base);
  }

  @Test
  void theSameKindOfSchemeServesRelatedDistributions() {
    assertThat(VersionSchemes.forEcosystem("Ubuntu:22.04:LTS").compare("1.0~rc1", "1.0"))
        .isEqualTo(-1);
    assertThat(VersionSchemes.forEcosystem("AlmaLinux:9").compare("1.0^git1", "1.0")).isEqualTo(1);
    assertThat(VersionSchemes.forEcosystem("Chainguard").compare("1.0_rc1-r0", "1.0-r0"))
        .isEqualTo(-1);
  }

  @Test
  void unknownEcosystemsFailWithTheirName() {
    assertThatThrownBy(() -> VersionSchemes.forEcosystem("Hackage"))
        .isInstanceOfSatisfying(
            UnknownEcosystemException.class,
            e -> {
              assertThat(e.ecosystem()).isEqualTo("Hackage");
              assertThat(e.getMessage()).contains("'Hackage'").contains("Debian").contains("NuGet");
            });
    assertThatThrownBy(() -> VersionSchemes.forEcosystem("debian:12"))
        .isInstanceOf(UnknownEcosystemException.class);
    assertThatThrownBy(() -> VersionSchemes.forEcosystem(""))
        .isInstanceOf(UnknownEcosystemException.class);
  }

  @Test
  void everySupportedNameIsAnOsvEcosystem() throws IOException {
    Set<String> osv = new TreeSet<>();
    try (InputStream in = getClass().getResourceAsStream("oracles/osv-ecosystems.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("(?m)^  \"([^\"]+)\":").matcher(json);
      while (m.find()) {
        osv.add(m.group(1));
      }
    }
    assertThat(osv).hasSizeGreaterThan(40);
    assertThat(osv).containsAll(VersionSchemes.supported());
    for (String name : VersionSchemes.supported()) {
      assertThat(VersionSchemes.forEcosystem(name).ecosystem()).isEqualTo(name);
    }
  }

  @Test
  void supportedIsSortedAndUnmodifiable() {
    Set<String> supported = VersionSchemes.supported();
    assertThat(supported).startsWith("AlmaLinux").contains("Debian", "Maven", "PyPI", "Go");
    assertThatThrownBy(() -> supported.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void semverIsStrictAndIgnoresBuildMetadata() {
    VersionScheme semver = VersionSchemes.semver();
    assertThat(semver.ecosystem()).isEqualTo("SemVer");
    assertThat(semver.compare("1.0.0+a", "1.0.0+b")).isZero();
    assertThat(semver.isValid("v1.0.0")).isFalse();
  }

  @Test
  void overLongAndNonAsciiTextIsRejectedWithAReadableMessage() {
    VersionScheme debian = VersionSchemes.forEcosystem("Debian");
    String longText = "1".repeat(VersionText.MAX_LENGTH + 1);
    assertThatThrownBy(() -> debian.compare(longText, "1"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("longer than 256")
        .hasMessageContaining("...");
    assertThatThrownBy(() -> debian.compare("1.0\u0000", "1"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("\\u0000");
    assertThat(VersionSchemes.forEcosystem("npm").isValid(" " + "1".repeat(300))).isFalse();
  }
}
