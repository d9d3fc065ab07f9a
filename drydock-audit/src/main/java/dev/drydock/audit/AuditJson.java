package dev.drydock.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit's JSON form, schema {@value #SCHEMA}, documented in docs/audit.md ("JSON schema").
 * Fields are only ever added within a schema version; a removal or change of meaning bumps it.
 */
public final class AuditJson {
  /** The schema identifier written into every report. */
  public static final String SCHEMA = "drydock-audit/v1";

  /** The largest baseline file read. */
  public static final int MAX_BASELINE_BYTES = 64 * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(64).build())
                  .build())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private AuditJson() {}

  /** {@return the report as JSON text, ending with a newline} */
  public static String write(AuditResult r) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("toolVersion", r.toolVersion());
    doc.put("target", r.target());
    doc.put("started", r.started().toString());
    doc.put("finished", r.finished().toString());
    doc.put("durationMs", r.finished().toEpochMilli() - r.started().toEpochMilli());
    doc.put("inUse", r.inUse());
    doc.put("database", r.database());
    doc.put("trustPolicy", r.trust());
    ArrayNode areas = doc.putArray("areas");
    for (AreaScore a : r.areas()) {
      ObjectNode n = areas.addObject();
      n.put("id", a.id());
      n.put("title", a.title());
      n.put("score", a.score());
      n.put("basis", a.basis());
    }
    ObjectNode problems = doc.putObject("problemsBySeverity");
    Map<Severity, Integer> bySeverity = r.toReport().problemsBySeverity();
    for (Severity s : Severity.values()) {
      problems.put(s.label(), bySeverity.getOrDefault(s, 0));
    }
    ArrayNode skipped = doc.putArray("skipped");
    for (Skipped s : r.skipped()) {
      ObjectNode n = skipped.addObject();
      n.put("area", s.area());
      n.put("reason", s.reason());
      n.put("remedy", s.remedy());
    }
    ArrayNode containers = doc.putArray("containers");
    int rank = 1;
    for (ContainerRisk c : r.containers()) {
      ObjectNode n = containers.addObject();
      n.put("rank", rank++);
      n.put("name", c.name());
      n.put("id", c.id());
      n.put("image", c.image());
      n.put("imageId", c.imageId());
      n.put("state", c.state());
      ObjectNode risk = n.putObject("risk");
      risk.put("total", c.score().total());
      risk.put("level", c.score().level());
      risk.put("exposure", c.score().exposure());
      risk.put("vulnerabilities", c.score().vulnerabilities());
      risk.put("misconfiguration", c.score().misconfiguration());
      risk.put("signature", c.score().signature());
      exposure(n.putObject("exposure"), c.exposure());
      summary(n.putObject("vulnerabilities"), c.vulnerabilities());
      signature(n.putObject("signature"), c.signature());
      findings(n.putArray("misconfigurations"), c.misconfigurations());
    }
    ArrayNode images = doc.putArray("images");
    for (ImageResult i : r.images()) {
      ObjectNode n = images.addObject();
      n.put("id", i.id());
      ArrayNode tags = n.putArray("tags");
      i.tags().forEach(tags::add);
      n.put("os", i.os());
      n.put("packages", i.packages());
      ArrayNode eco = n.putArray("ecosystems");
      i.ecosystems().forEach(eco::add);
      n.put("fromCache", i.fromCache());
      n.put("error", i.error());
      summary(n.putObject("vulnerabilities"), i.summary());
      signature(n.putObject("signature"), i.signature());
      findings(n.putArray("findings"), i.vulnerabilities());
    }
    ObjectNode host = doc.putObject("host");
    findings(host.putArray("findings"), r.host().findings());
    findings(host.putArray("vulnerabilities"), r.hostVulnerabilities());
    ObjectNode bench = doc.putObject("bench");
    findings(bench.putArray("findings"), r.bench().findings());
    try {
      return MAPPER.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static void exposure(ObjectNode n, Exposure x) {
    n.put("privileged", x.privileged());
    n.put("dockerSocket", x.dockerSocket());
    strings(n.putArray("hostNamespaces"), x.hostNamespaces());
    strings(n.putArray("publishedPorts"), x.publishedPorts());
    strings(n.putArray("sensitiveMounts"), x.sensitiveMounts());
    strings(n.putArray("addedCapabilities"), x.addedCapabilities());
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static void summary(ObjectNode n, VulnSummary v) {
    for (Severity s : Severity.values()) {
      n.put(s.label(), v.count(s));
    }
    n.put("total", v.total());
    n.put("fixable", v.fixable());
    Finding w = v.worst();
    if (w == null) {
      n.putNull("worst");
    } else {
      ObjectNode worst = n.putObject("worst");
      worst.put("id", w.ruleId());
      worst.put("severity", w.severity().label());
      worst.put("package", w.properties().getOrDefault("package", ""));
      worst.put("version", w.properties().getOrDefault("version", ""));
      worst.put("fixedVersion", w.properties().get("fixed_version"));
    }
  }

  private static void signature(ObjectNode n, SignatureStatus s) {
    n.put("state", s.state().label());
    n.put("detail", s.detail());
  }

  private static void findings(ArrayNode a, List<Finding> findings) {
    for (Finding f : findings) {
      ObjectNode n = a.addObject();
      n.put("ruleId", f.ruleId());
      n.put("title", f.title());
      n.put("severity", f.severity().label());
      n.put("status", f.status().label());
      n.put("subject", f.subject());
      n.put("evidence", f.evidence());
      n.put("remediation", f.remediation());
      strings(n.putArray("references"), f.references());
      ObjectNode props = n.putObject("properties");
      f.properties().forEach(props::put);
    }
  }

  /**
   * Reads a previous report for trends.
   *
   * @param source named in errors, e.g. the file name
   * @throws AuditException when the bytes are not a {@value #SCHEMA} report
   */
  public static Baseline readBaseline(String source, byte[] json) throws AuditException {
    if (json.length > MAX_BASELINE_BYTES) {
      throw new AuditException(
          source + " is larger than " + MAX_BASELINE_BYTES + " bytes; not an audit report", null);
    }
    JsonNode doc;
    try {
      doc = MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new AuditException(
          source
              + " is not JSON: "
              + e.getMessage()
              + ". Give a report written with --format json.",
          e);
    }
    if (doc == null || !SCHEMA.equals(doc.path("schema").asText())) {
      throw new AuditException(
          source
              + " is not a "
              + SCHEMA
              + " report (schema '"
              + (doc == null ? "" : doc.path("schema").asText())
              + "'); give a report written by 'drydock audit --format json'.",
          null);
    }
    Instant finished;
    try {
      finished = Instant.parse(doc.path("finished").asText());
    } catch (DateTimeParseException e) {
      throw new AuditException(source + ": 'finished' is not a timestamp", e);
    }
    Map<String, Integer> areas = new HashMap<>();
    for (JsonNode a : doc.path("areas")) {
      if (a.path("id").isTextual() && a.path("score").isInt()) {
        areas.put(a.path("id").asText(), a.path("score").asInt());
      }
    }
    Map<String, Integer> problems = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : doc.path("problemsBySeverity").properties()) {
      if (e.getValue().isInt()) {
        problems.put(e.getKey(), e.getValue().asInt());
      }
    }
    Map<String, Integer> risks = new HashMap<>();
    for (JsonNode c : doc.path("containers")) {
      if (c.path("name").isTextual() && c.path("risk").path("total").isInt()) {
        risks.put(c.path("name").asText(), c.path("risk").path("total").asInt());
      }
    }
    return new Baseline(finished, areas, problems, risks);
  }
}
