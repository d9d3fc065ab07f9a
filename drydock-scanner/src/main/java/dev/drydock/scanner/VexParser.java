package dev.drydock.scanner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenVEX JSON into {@link VexDocument}. Field names and required-ness follow OpenVEX spec
 * v0.2.0 ("Document", "Statement", "Product" and "Vulnerability" sections); the v0.0.x forms where
 * {@code vulnerability}, {@code products} and {@code subcomponents} are plain strings are accepted
 * too, since many published documents still use them.
 */
final class VexParser {
  static final String CONTEXT_PREFIX = "https://openvex.dev/ns";
  private static final int MAX_PRODUCTS = 10_000;
  private static final int MAX_ALIASES = 1_000;
  private static final ObjectMapper MAPPER = mapper();

  private VexParser() {}

  static VexDocument parse(byte[] json, String source) throws VexException {
    JsonNode root =
        JsonInput.object(
            MAPPER,
            json,
            VexDocument.MAX_BYTES,
            "document",
            (problem, cause) ->
                cause == null
                    ? new VexException(source, null, problem)
                    : new VexException(source, null, problem, cause));
    String context;
    String id;
    String author;
    Instant timestamp;
    int version;
    JsonNode statements;
    try {
      context = text(root, "@context");
      if (!context.startsWith(CONTEXT_PREFIX)) {
        throw new IllegalArgumentException(
            "@context is \"" + context + "\", expected one starting with " + CONTEXT_PREFIX);
      }
      id = text(root, "@id");
      author = text(root, "author");
      timestamp = time(text(root, "timestamp"), "timestamp");
      version = version(root);
      statements = root.get("statements");
      if (statements == null || !statements.isArray()) {
        throw new IllegalArgumentException("statements is missing or not an array");
      }
      if (statements.size() > VexDocument.MAX_STATEMENTS) {
        throw new IllegalArgumentException(
            statements.size() + " statements, over the limit of " + VexDocument.MAX_STATEMENTS);
      }
    } catch (IllegalArgumentException e) {
      throw new VexException(source, null, String.valueOf(e.getMessage()), e);
    }
    List<VexStatement> list = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      try {
        list.add(statement(statements.get(i), i));
      } catch (IllegalArgumentException e) {
        throw new VexException(source, i, String.valueOf(e.getMessage()), e);
      }
    }
    return new VexDocument(source, context, id, author, timestamp, version, list);
  }

  private static VexStatement statement(JsonNode s, int index) {
    if (!s.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    JsonNode v = s.get("vulnerability");
    String name;
    List<String> aliases = new ArrayList<>();
    if (v != null && v.isTextual()) {
      name = nonBlank(v.asText(), "vulnerability"); // v0.0.x: the id as a string
    } else if (v != null && v.isObject()) {
      name = text(v, "name");
      JsonNode a = v.get("aliases");
      if (a != null && !a.isNull()) {
        for (JsonNode alias : array(a, "vulnerability.aliases", MAX_ALIASES)) {
          aliases.add(nonBlank(textValue(alias, "vulnerability.aliases[]"), "alias"));
        }
      }
    } else {
      throw new IllegalArgumentException("vulnerability is missing or not an object or string");
    }
    JsonNode p = s.get("products");
    if (p == null) {
      throw new IllegalArgumentException("products is missing");
    }
    List<VexProduct> products = new ArrayList<>();
    for (JsonNode product : array(p, "products", MAX_PRODUCTS)) {
      products.add(product(product));
    }
    String statusText = text(s, "status");
    VexStatus status = VexStatus.of(statusText);
    if (status == null) {
      throw new IllegalArgumentException(
          "status \""
              + statusText
              + "\" is not one of not_affected, affected, fixed, under_investigation");
    }
    VexJustification justification = null;
    String justificationText = optionalText(s, "justification");
    if (justificationText != null) {
      justification = VexJustification.of(justificationText);
      if (justification == null) {
        throw new IllegalArgumentException(
            "justification \""
                + justificationText
                + "\" is not one of component_not_present, vulnerable_code_not_present,"
                + " vulnerable_code_not_in_execute_path,"
                + " vulnerable_code_cannot_be_controlled_by_adversary,"
                + " inline_mitigations_already_exist");
      }
    }
    String impact = optionalText(s, "impact_statement");
    String action = optionalText(s, "action_statement");
    String ts = optionalText(s, "timestamp");
    Instant timestamp = ts == null ? null : time(ts, "timestamp");
    if (status == VexStatus.NOT_AFFECTED && justification == null && impact == null) {
      throw new IllegalArgumentException(
          "status not_affected without a justification or impact_statement (" + name + ")");
    }
    return new VexStatement(
        index, name, aliases, products, status, justification, impact, action, timestamp);
  }

  private static VexProduct product(JsonNode p) {
    if (p.isTextual()) { // v0.0.x: the identifier as a string
      return new VexProduct(nonBlank(p.asText(), "products[]"), List.of());
    }
    if (!p.isObject()) {
      throw new IllegalArgumentException("products[] is not an object or string");
    }
    String id = componentId(p, "products[]");
    List<String> subs = new ArrayList<>();
    JsonNode s = p.get("subcomponents");
    if (s != null && !s.isNull()) {
      for (JsonNode sub : array(s, "subcomponents", MAX_PRODUCTS)) {
        subs.add(
            sub.isTextual()
                ? nonBlank(sub.asText(), "subcomponents[]")
                : componentId(sub, "subcomponents[]"));
      }
    }
    return new VexProduct(id, subs);
  }

  /** A component's {@code @id}, or its {@code identifiers.purl} when the {@code @id} is absent. */
  private static String componentId(JsonNode c, String what) {
    if (!c.isObject()) {
      throw new IllegalArgumentException(what + " is not an object or string");
    }
    String id = optionalText(c, "@id");
    if (id == null) {
      JsonNode ids = c.get("identifiers");
      id = ids != null && ids.isObject() ? optionalText(ids, "purl") : null;
    }
    if (id == null) {
      throw new IllegalArgumentException(what + " has neither @id nor identifiers.purl");
    }
    return id;
  }

  private static Iterable<JsonNode> array(JsonNode a, String what, int max) {
    if (!a.isArray()) {
      throw new IllegalArgumentException(what + " is not an array");
    }
    if (a.size() > max) {
      throw new IllegalArgumentException(
          what + " has " + a.size() + " entries, over the limit of " + max);
    }
    return a;
  }

  private static int version(JsonNode root) {
    JsonNode v = root.get("version");
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("version is missing");
    }
    long n;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      n = v.asLong();
    } else if (v.isTextual() && v.asText().matches("[0-9]{1,9}")) {
      n = Long.parseLong(v.asText()); // some v0.0.x tools wrote "1"
    } else {
      throw new IllegalArgumentException("version is not an integer");
    }
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("version " + n + " is not a positive integer");
    }
    return (int) n;
  }

  private static String text(JsonNode parent, String field) {
    String t = optionalText(parent, field);
    if (t == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return t;
  }

  private static @Nullable String optionalText(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    String t = textValue(n, field);
    return t.isBlank() ? null : t;
  }

  private static String textValue(JsonNode n, String field) {
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " is not a string");
    }
    return n.asText();
  }

  private static String nonBlank(String s, String field) {
    if (s.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    return s;
  }

  /** RFC 3339 times, as the spec requires ("Document" section, timestamp field). */
  private static Instant time(String text, String field) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " \"" + text + "\" is not an RFC 3339 date-time", e);
    }
  }

  private static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(VexDocument.MAX_BYTES)
                    .maxNumberLength(100)
                    .maxDocumentLength(VexDocument.MAX_BYTES)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }
}
