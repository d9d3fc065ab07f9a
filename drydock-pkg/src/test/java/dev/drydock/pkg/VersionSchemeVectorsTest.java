package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vectors written from each ecosystem's specification or documentation ({@code
 * vectors/own-vectors.tsv}, the source column names the section) and texts each ecosystem rejects
 * ({@code vectors/invalid-versions.tsv}). The dpkg, rpm, npm and PyPI rows were also run through
 * the real tools when written; the Maven rows are checked against Maven's own class here.
 */
class VersionSchemeVectorsTest {

  /** One row of a vector table. */
  record Vector(String ecosystem, String a, String b, int result, String source) {
    @Override
    public String toString() {
      return ecosystem + ": '" + a + "' vs '" + b + "' = " + result + " (" + source + ")";
    }
  }

  /** One invalid text. */
  record Invalid(String ecosystem, String text, String why) {
    @Override
    public String toString() {
      return ecosystem + ": '" + text + "' (" + why + ")";
    }
  }

  private static List<String[]> table(String name) {
    try (InputStream in = VersionSchemeVectorsTest.class.getResourceAsStream("vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource vectors/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .skip(1)
          .filter(l -> !l.isBlank())
          .map(l -> l.split("\t", -1))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Vector> vectors() {
    return table("own-vectors.tsv").stream()
        .map(f -> new Vector(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
  }

  static Stream<Invalid> invalids() {
    return table("invalid-versions.tsv").stream().map(f -> new Invalid(f[0], f[1], f[2]));
  }

  static VersionScheme scheme(String ecosystem) {
    return ecosystem.equals("SemVer")
        ? VersionSchemes.semver()
        : VersionSchemes.forEcosystem(ecosystem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void ordersAsTheSpecificationSays(Vector v) {
    VersionScheme scheme = scheme(v.ecosystem());
    assertThat(scheme.isValid(v.a())).isTrue();
    assertThat(scheme.isValid(v.b())).isTrue();
    assertThat(scheme.compare(v.a(), v.b())).isEqualTo(v.result());
    assertThat(scheme.compare(v.b(), v.a())).isEqualTo(-v.result());
    if (v.ecosystem().equals("Maven")) {
      assertThat(
              Integer.signum(new ComparableVersion(v.a()).compareTo(new ComparableVersion(v.b()))))
          .isEqualTo(v.result());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalids")
  void rejectsWhatTheEcosystemRejects(Invalid v) {
    VersionScheme scheme = scheme(v.ecosystem());
    assertThat(scheme.isValid(v.text())).isFalse();
    assertThatThrownBy(() -> scheme.compare(v.text(), "1.0.0"))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e -> {
              assertThat(e.ecosystem()).isEqualTo(scheme.ecosystem());
              assertThat(e.version()).isEqualTo(v.text());
              assertThat(e.getMessage()).contains(scheme.ecosystem());
            });
  }
}
