package dev.drydock.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * drydock's own JSON report, schema {@code drydock-report/v1} (docs/report-json.md). Fields are
 * written in a fixed order; new fields may be added in a minor version, none are removed or renamed
 * within v1.
 */
final class JsonRenderer implements Renderer {
  /** The schema identifier written as the first field of every JSON report. */
  static final String SCHEMA = "drydock-report/v1";

  @Override
  public void render(Report report, Writer out) throws IOException {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeStringField("tool", report.tool());
      g.writeStringField("version", report.toolVersion());
      g.writeStringField("target", report.target());
      g.writeStringField("started", Json.timestamp(report.started()));
      g.writeStringField("finished", Json.timestamp(report.finished()));
      g.writeNumberField("durationMs", report.duration().toMillis());
      writeSummary(g, report);
      g.writeArrayFieldStart("findings");
      for (Finding f : report.findings()) {
        writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void writeSummary(JsonGenerator g, Report report) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("total", report.findings().size());
    g.writeObjectFieldStart("byStatus");
    for (Map.Entry<Status, Integer> e : report.countByStatus().entrySet()) {
      g.writeNumberField(e.getKey().label(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("problemsBySeverity");
    for (Map.Entry<Severity, Integer> e : report.problemsBySeverity().entrySet()) {
      g.writeNumberField(e.getKey().label(), e.getValue());
    }
    g.writeEndObject();
    g.writeFieldName("worst");
    var worst = report.worstProblem();
    if (worst.isPresent()) {
      g.writeString(worst.get().label());
    } else {
      g.writeNull();
    }
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.ruleId());
    g.writeStringField("title", f.title());
    g.writeStringField("severity", f.severity().label());
    g.writeStringField("status", f.status().label());
    g.writeStringField("subject", f.subject());
    g.writeStringField("evidence", f.evidence());
    g.writeStringField("remediation", f.remediation());
    Json.stringArray(g, "references", f.references());
    Json.stringMap(g, "properties", f.properties());
    g.writeEndObject();
  }
}
