package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class RendererTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String render(Format format, Report report, TableOptions options)
      throws IOException {
    StringWriter out = new StringWriter();
    Renderer.of(format, options).render(report, out);
    return out.toString();
  }

  private static Report hostile() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new Report(
        "bench",
        "0.1.0",
        "tcp://h\u0000st",
        t,
        t,
        List.of(
            Finding.builder("r\"1", "Title with \u001b[2J escape and \u0007 bell")
                .subject("evil\u0001name </testcase><x>")
                .evidence("line1\nline2 \u0000 nul")
                .status(Status.FAIL)
                .severity(Severity.CRITICAL)
                .build()));
  }

  @Test
  void json_hostileStrings_stayValidJson() throws IOException {
    JsonNode node = MAPPER.readTree(render(Format.JSON, hostile(), TableOptions.plain()));
    assertThat(node.get("schema").asText()).isEqualTo("drydock-report/v1");
    assertThat(node.at("/findings/0/subject").asText()).isEqualTo("evil\u0001name </testcase><x>");
    assertThat(node.at("/summary/worst").asText()).isEqualTo("critical");
  }

  @Test
  void json_emptyReport_hasNullWorst() throws IOException {
    JsonNode node =
        MAPPER.readTree(render(Format.JSON, SampleReports.empty(), TableOptions.plain()));
    assertThat(node.at("/summary/worst").isNull()).isTrue();
    assertThat(node.get("findings")).isEmpty();
  }

  @Test
  void junit_hostileStrings_parseAsWellFormedXml() throws Exception {
    String xml = render(Format.JUNIT, hostile(), TableOptions.plain());
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)));
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(doc.getElementsByTagName("x").getLength()).isZero();
  }

  @Test
  void sarif_levelsFollowSpec_noneUnlessFail() throws IOException {
    JsonNode run =
        MAPPER
            .readTree(render(Format.SARIF, SampleReports.mixed(), TableOptions.plain()))
            .at("/runs/0");
    assertThat(run.at("/tool/driver/rules")).hasSize(4);
    JsonNode results = run.get("results");
    for (JsonNode r : results) {
      if (!r.get("kind").asText().equals("fail")) {
        assertThat(r.get("level").asText()).as(r.toString()).isEqualTo("none");
      }
    }
    assertThat(results.get(0).get("level").asText()).isEqualTo("error");
    assertThat(results.get(1).get("ruleIndex").asInt()).isEqualTo(0);
    assertThat(results.get(3).get("kind").asText()).isEqualTo("review");
  }

  @Test
  void table_stripsControlCharacters_andHidesPassingByDefault() throws IOException {
    String table = render(Format.TABLE, hostile(), TableOptions.plain());
    assertThat(table).doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain("\u0007");
    assertThat(table).contains("evil?name");
    String mixed = render(Format.TABLE, SampleReports.mixed(), TableOptions.plain());
    assertThat(mixed).doesNotContain("db (77aa00bb11cc)").contains("web (3f2a9c1d0b7e)");
    assertThat(mixed).contains("Score 33%").contains("Worst problem: high");
  }

  @Test
  void table_color_usesAnsiOnlyWhenAsked() throws IOException {
    String table =
        render(Format.TABLE, SampleReports.mixed(), new TableOptions(true, false, false));
    assertThat(table).contains("\u001b[1;31m").doesNotContain("fix:");
  }

  @Test
  void format_parse_acceptsAnyCase_rejectsUnknown() {
    assertThat(Format.parse("Sarif")).isEqualTo(Format.SARIF);
    assertThatThrownBy(() -> Format.parse("xml")).hasMessageContaining("junit");
  }

  @Test
  void printable_stripsBidiAndFormatCharacters() {
    assertThat(Printable.clean("safe\u202Etxt.exe\u200Bx\u001b]0;t\u0007"))
        .isEqualTo("safe?txt.exe?x?]0;t?");
    assertThat(Printable.clean("caf\u00e9 \u65e5\u672c")).isEqualTo("caf\u00e9 \u65e5\u672c");
  }

  @Test
  void sarif_ruleTakesTheWorstFinding_andKeepsDrydockKeysUnique() throws IOException {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Report report =
        new Report(
            "bench",
            "1",
            "h",
            t,
            t,
            List.of(
                Finding.builder("r1", "T").status(Status.PASS).severity(Severity.LOW).build(),
                Finding.builder("r1", "T")
                    .severity(Severity.CRITICAL)
                    .remediation("fix it")
                    .property("drydock-status", "pass")
                    .build()));
    JsonNode run =
        MAPPER.readTree(render(Format.SARIF, report, TableOptions.plain())).at("/runs/0");
    assertThat(run.at("/tool/driver/rules/0/properties/security-severity").asText())
        .isEqualTo("9.5");
    assertThat(run.at("/tool/driver/rules/0/defaultConfiguration/level").asText())
        .isEqualTo("error");
    assertThat(run.at("/results/1/properties/drydock-status").asText()).isEqualTo("fail");
    assertThat(run.at("/results/1/properties/drydock-remediation").asText()).isEqualTo("fix it");
    // Jackson keeps the last of duplicate keys; check the raw text has the key once.
    String raw = render(Format.SARIF, report, TableOptions.plain());
    assertThat(raw.split("\"drydock-status\"", -1)).hasSize(3);
  }
}
