package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The apk-tools upstream assertions ({@code test/unit/version.data} @90b974f, 738 pairs) must all
 * hold. The verdicts of the older apk-tools 2.10.4 must hold too, except on the pairs where that
 * release is known to disagree with upstream (bare {@code X.0_pre} vs {@code X.0}, leading-zero
 * components, {@code ~hash}); those are pinned here so that a change in either shows up.
 */
class AlpineOracleTest {
  private static final AlpineVersionScheme APK = new AlpineVersionScheme("Alpine");

  /** Pairs where apk-tools 2.10.4 answers differently from the upstream assertions. */
  private static final Set<List<String>> OLD_APK_DISAGREES =
      Set.of(
          List.of("1.0.0_pre20191002222144-r0", "1.0.0_pre20210530193627-r0"),
          List.of("6.0_pre1", "6.0"),
          List.of("8.2.0", "8.2.001"),
          List.of("8.2.0015", "8.2.002"),
          List.of("1.0~1234", "1.0~2345"),
          List.of("1.0~1234-r1", "1.0~2345-r0"),
          List.of("1.0~1234-r1", "1.0~1234-r0"),
          List.of("1.0_rc1", "1.0"));

  static Stream<OracleVectors.Row> upstream() {
    return OracleVectors.read("apk-version-vectors.tsv").stream()
        .filter(r -> r.oracle().contains("upstream assertion"));
  }

  static Stream<OracleVectors.Row> apk2104() {
    return Stream.concat(
            OracleVectors.read("apk-version-vectors.tsv").stream(),
            OracleVectors.read("version-vectors.tsv").stream()
                .filter(r -> r.scheme().equals("apk")))
        .filter(r -> r.oracle().contains("2.10.4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstream")
  void agreesWithUpstreamAssertions(OracleVectors.Row row) {
    assertThat(APK.compareLeniently(row.a(), row.b())).isEqualTo(row.result());
    assertThat(APK.compareLeniently(row.b(), row.a())).isEqualTo(-row.result());
    if (APK.isValid(row.a()) && APK.isValid(row.b())) {
      assertThat(APK.compare(row.a(), row.b())).isEqualTo(row.result());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apk2104")
  void agreesWithApk2104ExceptKnownDisagreements(OracleVectors.Row row) {
    int ours = APK.compareLeniently(row.a(), row.b());
    if (OLD_APK_DISAGREES.contains(List.of(row.a(), row.b()))) {
      assertThat(ours).isNotEqualTo(row.result());
    } else {
      assertThat(ours).isEqualTo(row.result());
    }
  }

  @Test
  void upstreamHasAllRows() {
    assertThat(upstream().count()).isEqualTo(738);
    assertThat(apk2104().count()).isEqualTo(751 + 13);
  }
}
