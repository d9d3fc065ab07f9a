package dev.drydock.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0: one run, one rule per distinct rule ID (first occurrence wins), one result per
 * finding.
 *
 * <p>Mapping (SARIF 2.1.0 §3.27.9 "kind", §3.27.10 "level"): {@code fail} → kind {@code fail} with
 * a level from the severity; {@code error} → kind {@code fail}, level {@code error} (a check that
 * could not decide fails closed); {@code pass} → {@code pass}; {@code manual} → {@code review};
 * {@code not_applicable} → {@code notApplicable}. The spec requires level {@code none} whenever
 * kind is not {@code fail}. The subject is a logical location, since most subjects (containers,
 * daemon flags) are not files. {@code security-severity} follows the convention code-scanning tools
 * use to rank results.
 *
 * @see <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF 2.1.0</a>
 */
final class SarifRenderer implements Renderer {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://github.com/drydock-dev/drydock";

  @Override
  public void render(Report report, Writer out) throws IOException {
    Map<String, Finding> rules = rulesOf(report);
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (String id : rules.keySet()) {
      ruleIndex.put(id, ruleIndex.size());
    }
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA_URI);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      writeTool(g, report, rules);
      writeInvocation(g, report);
      g.writeObjectFieldStart("automationDetails");
      g.writeStringField("id", "drydock/" + report.tool() + "/");
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (Finding f : report.findings()) {
        writeResult(g, f, ruleIndex.getOrDefault(f.ruleId(), 0));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }

  /**
   * One representative finding per rule: the most severe, preferring a problem, so that a rule's
   * level and security-severity are not taken from a harmless first result.
   */
  static Map<String, Finding> rulesOf(Report report) {
    Map<String, Finding> rules = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      rules.merge(f.ruleId(), f, (kept, next) -> moreTelling(next, kept) ? next : kept);
    }
    return rules;
  }

  private static boolean moreTelling(Finding a, Finding b) {
    int bySeverity = a.severity().compareTo(b.severity());
    if (bySeverity != 0) {
      return bySeverity > 0;
    }
    return a.isProblem() && !b.isProblem();
  }

  private static void writeTool(JsonGenerator g, Report report, Map<String, Finding> rules)
      throws IOException {
    g.writeObjectFieldStart("tool");
    g.writeObjectFieldStart("driver");
    g.writeStringField("name", "drydock");
    g.writeStringField("semanticVersion", report.toolVersion());
    g.writeStringField("informationUri", INFORMATION_URI);
    g.writeArrayFieldStart("rules");
    for (Finding f : rules.values()) {
      writeRule(g, f);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeRule(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.ruleId());
    g.writeObjectFieldStart("shortDescription");
    g.writeStringField("text", f.title());
    g.writeEndObject();
    if (!f.remediation().isEmpty()) {
      g.writeObjectFieldStart("help");
      g.writeStringField("text", f.remediation());
      g.writeEndObject();
    }
    if (!f.references().isEmpty()) {
      g.writeStringField("helpUri", f.references().getFirst());
    }
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(f.severity()));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("security-severity", securitySeverity(f.severity()));
    g.writeArrayFieldStart("tags");
    g.writeString("security");
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeInvocation(JsonGenerator g, Report report) throws IOException {
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", true);
    g.writeStringField("startTimeUtc", Json.timestamp(report.started()));
    g.writeStringField("endTimeUtc", Json.timestamp(report.finished()));
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void writeResult(JsonGenerator g, Finding f, int index) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.ruleId());
    g.writeNumberField("ruleIndex", index);
    g.writeStringField("kind", kind(f.status()));
    g.writeStringField("level", f.isProblem() ? resultLevel(f) : "none");
    g.writeObjectFieldStart("message");
    g.writeStringField("text", message(f));
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeArrayFieldStart("logicalLocations");
    g.writeStartObject();
    g.writeStringField("fullyQualifiedName", f.subject());
    g.writeStringField("kind", "resource");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("properties");
    g.writeStringField("drydock-status", f.status().label());
    g.writeStringField("drydock-severity", f.severity().label());
    if (f.isProblem() && !f.remediation().isEmpty()) {
      g.writeStringField("drydock-remediation", f.remediation());
    }
    for (Map.Entry<String, String> e : f.properties().entrySet()) {
      // drydock's own keys win: a finding property must not produce a duplicate JSON key.
      if (!e.getKey().startsWith("drydock-")) {
        g.writeStringField(e.getKey(), e.getValue());
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String message(Finding f) {
    String prefix = f.status() == Status.ERROR ? "Check could not complete: " : "";
    return f.evidence().isEmpty()
        ? prefix + f.title()
        : prefix + f.title() + " (" + f.subject() + "): " + f.evidence();
  }

  private static String kind(Status status) {
    return switch (status) {
      case FAIL, ERROR -> "fail";
      case PASS -> "pass";
      case MANUAL -> "review";
      case NOT_APPLICABLE -> "notApplicable";
    };
  }

  private static String resultLevel(Finding f) {
    return f.status() == Status.ERROR ? "error" : level(f.severity());
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, UNKNOWN, INFO -> "note";
    };
  }

  private static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "2.0";
      case UNKNOWN -> "1.0";
      case INFO -> "0.0";
    };
  }
}
