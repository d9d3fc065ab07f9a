package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityResolverTest {
  private static OsvRecord rec(String id, String extra) throws OsvFormatException {
    String json = "{\"id\":\"" + id + "\",\"modified\":\"2024-01-01T00:00:00Z\"" + extra + "}";
    return OsvCodec.parse(json.getBytes(StandardCharsets.UTF_8), "test");
  }

  private final SeverityResolver none = new SeverityResolver(id -> Optional.empty());

  @ParameterizedTest
  @CsvSource({
    "CRITICAL, CRITICAL",
    "HIGH, HIGH",
    "important, HIGH",
    "MODERATE, MEDIUM",
    "medium, MEDIUM",
    "LOW, LOW",
    "unimportant, LOW",
    "negligible, LOW",
    "low*, LOW"
  })
  void words(String word, Severity expected) {
    assertThat(SeverityResolver.word(word)).isEqualTo(expected);
  }

  @Test
  void wordsWithoutARating() {
    assertThat(SeverityResolver.word("not yet assigned")).isNull();
    assertThat(SeverityResolver.word("end-of-life")).isNull();
    assertThat(SeverityResolver.word(null)).isNull();
  }

  @Test
  void cvssV4IsPreferredOverV3AndBadVectorsFallThrough() throws Exception {
    OsvRecord r =
        rec(
            "GHSA-x",
            ",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
                + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L\"},{\"type\":\"CVSS_V4\",\"score\":"
                + "\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}]");
    SeverityRating s = none.resolve(r, List.of());
    assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(s.source()).isEqualTo("GHSA-x CVSS_V4");
    OsvRecord bad =
        rec(
            "GHSA-y",
            ",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N\"}],"
                + "\"database_specific\":{\"severity\":\"MODERATE\"}");
    assertThat(none.resolve(bad, List.of()))
        .extracting(SeverityRating::severity, SeverityRating::cvss, SeverityRating::source)
        .containsExactly(Severity.MEDIUM, null, "GHSA-y database_specific");
  }

  @Test
  void ubuntuPriorityAndUnknown() throws Exception {
    OsvRecord u = rec("UBUNTU-CVE-1", ",\"severity\":[{\"type\":\"Ubuntu\",\"score\":\"high\"}]");
    assertThat(none.resolve(u, List.of()).severity()).isEqualTo(Severity.HIGH);
    assertThat(none.resolve(rec("GO-1", ""), List.of())).isEqualTo(SeverityRating.unknown());
  }

  @Test
  void aliasesAreAskedGhsaFirst() throws Exception {
    OsvRecord go = rec("GO-2", ",\"aliases\":[\"CVE-9\",\"GHSA-z\"]");
    Map<String, OsvRecord> db =
        Map.of(
            "CVE-9", rec("CVE-9", ",\"database_specific\":{\"severity\":\"LOW\"}"),
            "GHSA-z", rec("GHSA-z", ",\"database_specific\":{\"severity\":\"CRITICAL\"}"));
    SeverityResolver r = new SeverityResolver(id -> Optional.ofNullable(db.get(id)));
    assertThat(r.resolve(go, List.of()).source()).isEqualTo("GHSA-z database_specific");
  }
}
