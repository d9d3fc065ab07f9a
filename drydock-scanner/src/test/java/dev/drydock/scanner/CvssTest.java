package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CvssTest {

  /** Scores published by NVD / the FIRST v3.1 calculator for these vectors. */
  @ParameterizedTest
  @CsvSource({
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L, 5.3",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H, 9.0",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N, 5.4",
    "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N, 1.6",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0",
    "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H, 8.1",
    "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C, 9.8",
  })
  void v3BaseScores(String vector, double expected) {
    CvssScore s = Cvss.score(vector);
    assertThat(s.baseScore()).isEqualTo(expected);
    assertThat(s.version()).isEqualTo(vector.substring(5, 8));
  }

  @Test
  void v31RoundUpAvoidsFloatingPointNoise() {
    // Appendix A of the v3.1 spec: 4.000000001 must round to 4.0, not 4.1; v3.0 used a ceiling.
    assertThat(Cvss3.roundUp(4.000_000_1, true)).isEqualTo(4.0);
    assertThat(Cvss3.roundUp(4.02, true)).isEqualTo(4.1);
    assertThat(Cvss3.roundUp(4.02, false)).isEqualTo(4.1);
    assertThat(Cvss3.roundUp(4.0, false)).isEqualTo(4.0);
  }

  /** Every vector of the oracle file, scored by the FIRST CVSS v4.0 reference calculator. */
  static Stream<Arguments> v4Oracle() {
    String tsv = new String(Fixtures.bytes("cvss4-vectors.tsv"), StandardCharsets.UTF_8);
    return tsv.lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[0], Double.parseDouble(f[1])));
  }

  @ParameterizedTest
  @MethodSource("v4Oracle")
  void v4ScoresMatchTheReferenceCalculator(String vector, double expected) {
    assertThat(Cvss.score(vector).baseScore()).as(vector).isEqualTo(expected);
  }

  @Test
  void v4OracleIsLarge() {
    assertThat(v4Oracle().count()).isGreaterThan(300);
  }

  @Test
  void v4KnownExamples() {
    assertThat(Cvss.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .extracting(CvssScore::baseScore, CvssScore::severity)
        .containsExactly(9.3, Severity.CRITICAL);
    assertThat(
            Cvss.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N")
                .baseScore())
        .isEqualTo(6.9);
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, INFO",
    "0.1, LOW",
    "3.9, LOW",
    "4.0, MEDIUM",
    "6.9, MEDIUM",
    "7.0, HIGH",
    "8.9, HIGH",
    "9.0, CRITICAL",
    "10.0, CRITICAL"
  })
  void qualitativeScale(double score, Severity expected) {
    assertThat(CvssScore.severityOf(score)).isEqualTo(expected);
  }

  @Test
  void rejectsMalformedVectors() {
    for (String bad :
        List.of(
            "",
            "AV:N/AC:L",
            "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H",
            "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N")) {
      assertThatThrownBy(() -> Cvss.score(bad))
          .as(bad)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("CVSS vector");
    }
  }
}
