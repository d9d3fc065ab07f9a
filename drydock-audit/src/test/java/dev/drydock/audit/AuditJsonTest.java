package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
  @Test
  void write_followsTheDocumentedSchema() throws Exception {
    AuditResult r = AuditHtmlTest.hostileResult();
    JsonNode doc = new ObjectMapper().readTree(AuditJson.write(r));
    assertThat(doc.path("schema").asText()).isEqualTo("drydock-audit/v1");
    assertThat(doc.path("durationMs").asLong()).isEqualTo(42_000);
    assertThat(doc.path("areas").get(0).path("id").asText()).isEqualTo("overall");
    JsonNode c = doc.path("containers").get(0);
    assertThat(c.path("rank").asInt()).isEqualTo(1);
    assertThat(c.path("name").asText()).isEqualTo("web");
    assertThat(c.path("risk").path("total").asInt())
        .isEqualTo(r.containers().getFirst().score().total());
    assertThat(c.path("risk").path("level").asText())
        .isEqualTo(r.containers().getFirst().score().level());
    assertThat(c.path("exposure").path("privileged").asBoolean()).isTrue();
    assertThat(c.path("vulnerabilities").path("critical").asInt()).isEqualTo(1);
    assertThat(c.path("vulnerabilities").path("worst").path("id").asText())
        .isEqualTo("CVE-2099-0001");
    assertThat(c.path("signature").path("state").asText()).isEqualTo("unsigned");
    assertThat(c.path("misconfigurations").get(0).path("ruleId").asText()).isEqualTo("cis-5.4");
    JsonNode img = doc.path("images").get(0);
    assertThat(img.path("tags").get(0).asText()).isEqualTo(AuditHtmlTest.HOSTILE + ":1");
    assertThat(img.path("findings")).hasSize(2);
    assertThat(doc.path("skipped").get(0).path("remedy").asText()).contains("drydock db update");
    assertThat(doc.path("host").path("vulnerabilities")).hasSize(1);
    assertThat(doc.path("problemsBySeverity").path("critical").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void baseline_readsBackWhatWasWritten() throws Exception {
    AuditResult r = AuditHtmlTest.hostileResult();
    Baseline b =
        AuditJson.readBaseline("last.json", AuditJson.write(r).getBytes(StandardCharsets.UTF_8));
    assertThat(b.finished()).isEqualTo(Fixtures.T1);
    for (AreaScore a : r.areas()) {
      if (a.score() != null) {
        assertThat(b.areas()).containsEntry(a.id(), a.score());
        assertThat(b.delta(a)).isZero();
      } else {
        assertThat(b.delta(a)).isNull();
      }
    }
    assertThat(b.containerRisk()).containsEntry("web", r.containers().getFirst().score().total());
    assertThat(b.problems()).containsKeys("critical", "high", "medium", "low");
  }

  @Test
  void baseline_refusesWhatIsNotAnAuditReport() {
    assertThatThrownBy(
            () -> AuditJson.readBaseline("x.json", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("x.json is not JSON");
    assertThatThrownBy(
            () ->
                AuditJson.readBaseline(
                    "scan.json",
                    "{\"schema\":\"drydock-report/v1\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("not a drydock-audit/v1 report");
    assertThatThrownBy(
            () ->
                AuditJson.readBaseline(
                    "t.json",
                    "{\"schema\":\"drydock-audit/v1\",\"finished\":\"yesterday\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("not a timestamp");
    assertThatThrownBy(
            () -> AuditJson.readBaseline("big.json", new byte[AuditJson.MAX_BASELINE_BYTES + 1]))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("larger than");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(
            () -> AuditJson.readBaseline("deep.json", deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditException.class);
  }

  @Test
  void baseline_ignoresFieldsOfTheWrongType() throws Exception {
    Baseline b =
        AuditJson.readBaseline(
            "odd.json",
            """
            {"schema":"drydock-audit/v1","finished":"2026-12-01T00:00:00Z",
             "areas":[{"id":"cis","score":"high"},{"id":"host","score":80},{"score":3}],
             "problemsBySeverity":{"high":"many","low":2},
             "containers":[{"name":"a","risk":{"total":12}},{"name":7}]}
            """
                .getBytes(StandardCharsets.UTF_8));
    assertThat(b.areas()).containsOnlyKeys("host");
    assertThat(b.problems()).containsOnlyKeys("low");
    assertThat(b.containerRisk()).containsOnlyKeys("a");
  }
}
