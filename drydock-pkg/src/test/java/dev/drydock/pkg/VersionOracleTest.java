package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@code oracles/version-vectors.tsv} (comparisons made by dpkg, rpm, Maven,
 * node-semver and Python packaging themselves) must come out the same here, in both directions.
 */
class VersionOracleTest {

  static Stream<OracleVectors.Row> rows() {
    return OracleVectors.read("version-vectors.tsv").stream()
        .filter(r -> !r.scheme().equals("apk"));
  }

  static VersionScheme scheme(String oracleScheme) {
    return VersionSchemes.forEcosystem(
        switch (oracleScheme) {
          case "deb" -> "Debian";
          case "rpm" -> "Red Hat";
          case "apk" -> "Alpine";
          case "maven" -> "Maven";
          case "npm" -> "npm";
          case "pypi" -> "PyPI";
          default -> throw new IllegalArgumentException(oracleScheme);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void agreesWithTheEcosystemsOwnTool(OracleVectors.Row row) {
    VersionScheme scheme = scheme(row.scheme());
    assertThat(scheme.compare(row.a(), row.b())).isEqualTo(row.result());
    assertThat(scheme.compare(row.b(), row.a())).isEqualTo(-row.result());
    assertThat(scheme.isValid(row.a())).isTrue();
    assertThat(scheme.isValid(row.b())).isTrue();
  }

  @org.junit.jupiter.api.Test
  void coversEverySchemeInTheFile() {
    List<String> schemes =
        OracleVectors.read("version-vectors.tsv").stream()
            .map(OracleVectors.Row::scheme)
            .distinct()
            .toList();
    assertThat(schemes).containsExactlyInAnyOrder("deb", "rpm", "maven", "npm", "pypi", "apk");
  }
}
