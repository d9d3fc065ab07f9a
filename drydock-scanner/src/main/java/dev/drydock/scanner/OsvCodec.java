package dev.drydock.scanner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes OSV records (<a href="https://ossf.github.io/osv-schema/">OSV schema</a>,
 * versions 1.0 to 1.7). Strict where the schema is ({@code id} and {@code modified} required, event
 * objects with exactly one known key, range types), tolerant of unknown fields, and of {@code GIT}
 * range events that are not full commit hashes (seven real PYSEC records use short ones). Caps
 * every list and string; input over a cap is rejected, {@code summary} and {@code details} are cut.
 *
 * <p>{@link #write} emits compact OSV JSON of the fields {@link OsvRecord} keeps; reading it back
 * gives an equal record.
 */
public final class OsvCodec {
  private static final ObjectMapper MAPPER = mapper();

  private OsvCodec() {}

  /**
   * Parses one OSV record.
   *
   * @param json the UTF-8 JSON bytes
   * @param source the file, archive entry or URL, for error messages
   * @throws OsvFormatException naming the source (and the id, once read) when the JSON is malformed
   *     or violates the schema
   */
  public static OsvRecord parse(byte[] json, String source) throws OsvFormatException {
    JsonNode root =
        JsonInput.object(
            MAPPER,
            json,
            OsvLimits.MAX_RECORD_BYTES,
            "record",
            (problem, cause) ->
                cause == null
                    ? new OsvFormatException(source, null, problem)
                    : new OsvFormatException(source, null, problem, cause));
    String id = root.path("id").isTextual() ? root.path("id").asText() : null;
    try {
      return new Reader(source).record(root);
    } catch (IllegalArgumentException e) {
      throw new OsvFormatException(source, id, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Reads only the top-level {@code id} and {@code modified} of a record, without building the
   * record: an incremental import uses it to skip records it already has.
   *
   * @return the id and modified time, or null when the JSON is malformed or lacks either (a full
   *     {@link #parse} then reports the problem)
   */
  static @Nullable Peek peek(byte[] json) {
    if (json.length > OsvLimits.MAX_RECORD_BYTES) {
      return null;
    }
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return null;
      }
      String id = null;
      String modified = null;
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = p.currentName();
        com.fasterxml.jackson.core.JsonToken t = p.nextToken();
        if ("id".equals(field) && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
          id = p.getText();
        } else if ("modified".equals(field)
            && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
          modified = p.getText();
        } else {
          p.skipChildren();
        }
        if (id != null && modified != null) {
          return new Peek(id, OffsetDateTime.parse(modified).toInstant());
        }
      }
      return null;
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }

  /** The id and modified time of a record, read by {@link #peek}. */
  record Peek(String id, Instant modified) {}

  /** {@return the record as compact OSV JSON (UTF-8)} */
  public static byte[] write(OsvRecord record) {
    try {
      return MAPPER.writeValueAsBytes(OsvWriter.record(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise OSV record " + record.id(), e);
    }
  }

  /** {@return compact JSON of a node, or null for a missing/null node} */
  static @Nullable String compact(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.toString();
  }

  static JsonNode readTree(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  private static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(OsvLimits.MAX_NESTING)
                    .maxStringLength(OsvLimits.MAX_RECORD_BYTES)
                    .maxNumberLength(100)
                    .maxDocumentLength(OsvLimits.MAX_RECORD_BYTES)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }

  /** Turns a JSON tree into an {@link OsvRecord}, checking types and caps as it goes. */
  private record Reader(String source) {

    OsvRecord record(JsonNode root) {
      String id = requiredText(root, "id");
      Instant modified = time(requiredText(root, "modified"), "modified");
      return new OsvRecord(
          id,
          modified,
          optionalTime(root, "published"),
          optionalTime(root, "withdrawn"),
          strings(root.path("aliases"), "aliases", OsvLimits.MAX_LIST),
          strings(root.path("related"), "related", OsvLimits.MAX_LIST),
          strings(root.path("upstream"), "upstream", OsvLimits.MAX_LIST),
          cut(optionalText(root, "summary"), OsvLimits.MAX_SUMMARY_CHARS),
          cut(optionalText(root, "details"), OsvLimits.MAX_DETAILS_CHARS),
          severities(root.path("severity")),
          affected(root.path("affected")),
          references(root.path("references")),
          textOrNull(root.path("database_specific").path("severity")),
          compact(objectOrMissing(root, "database_specific")));
    }

    private List<OsvSeverity> severities(JsonNode node) {
      List<OsvSeverity> out = new ArrayList<>();
      for (JsonNode s : array(node, "severity", OsvLimits.MAX_LIST)) {
        out.add(new OsvSeverity(requiredText(s, "type"), requiredText(s, "score")));
      }
      return out;
    }

    private List<OsvReference> references(JsonNode node) {
      List<OsvReference> out = new ArrayList<>();
      for (JsonNode r : array(node, "references", OsvLimits.MAX_LIST)) {
        out.add(new OsvReference(requiredText(r, "type"), requiredText(r, "url")));
      }
      return out;
    }

    private List<OsvAffected> affected(JsonNode node) {
      List<OsvAffected> out = new ArrayList<>();
      for (JsonNode a : array(node, "affected", OsvLimits.MAX_LIST)) {
        if (!a.isObject()) {
          throw new IllegalArgumentException("affected entries must be objects");
        }
        JsonNode p = a.path("package");
        if (!p.isObject()) {
          // The schema allows an affected entry without a package (e.g. a pure GIT range); such an
          // entry can never match an installed package, so it is kept out of the model.
          continue;
        }
        OsvPackage pkg =
            new OsvPackage(
                requiredText(p, "ecosystem"),
                requiredText(p, "name"),
                optionalTextOrNull(p, "purl"));
        List<OsvRange> ranges = new ArrayList<>();
        for (JsonNode r : array(a.path("ranges"), "ranges", OsvLimits.MAX_LIST)) {
          ranges.add(range(r));
        }
        JsonNode eco = objectOrMissing(a, "ecosystem_specific");
        JsonNode db = objectOrMissing(a, "database_specific");
        String hint = textOrNull(eco.path("urgency"));
        if (hint == null) {
          hint = textOrNull(eco.path("severity"));
        }
        if (hint == null) {
          hint = textOrNull(db.path("severity"));
        }
        out.add(
            new OsvAffected(
                pkg,
                ranges,
                strings(a.path("versions"), "versions", OsvLimits.MAX_VERSIONS),
                compact(eco),
                compact(db),
                hint));
      }
      return out;
    }

    private OsvRange range(JsonNode r) {
      String typeText = requiredText(r, "type");
      OsvRange.Type type;
      try {
        type = OsvRange.Type.valueOf(typeText);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "range type '" + typeText + "' is not SEMVER, ECOSYSTEM or GIT", e);
      }
      String repo = optionalTextOrNull(r, "repo");
      if (type == OsvRange.Type.GIT && repo == null) {
        throw new IllegalArgumentException("a GIT range needs a repo");
      }
      List<OsvEvent> events = new ArrayList<>();
      for (JsonNode e : array(r.path("events"), "events", OsvLimits.MAX_LIST)) {
        events.add(event(e));
      }
      if (events.isEmpty()) {
        throw new IllegalArgumentException("a range needs at least one event");
      }
      return new OsvRange(type, repo, events);
    }

    private OsvEvent event(JsonNode e) {
      if (!e.isObject() || e.size() != 1) {
        throw new IllegalArgumentException(
            "an event must be an object with exactly one of introduced, fixed, last_affected,"
                + " limit");
      }
      for (OsvEvent.Kind kind : OsvEvent.Kind.values()) {
        JsonNode v = e.get(kind.json());
        if (v != null) {
          if (!v.isTextual()) {
            throw new IllegalArgumentException("event " + kind.json() + " must be a string");
          }
          return new OsvEvent(kind, v.asText());
        }
      }
      throw new IllegalArgumentException(
          "unknown event "
              + e.fieldNames().next()
              + " (expected introduced, fixed,"
              + " last_affected or limit)");
    }

    private static JsonNode objectOrMissing(JsonNode parent, String field) {
      JsonNode n = parent.path(field);
      if (n.isMissingNode() || n.isNull()) {
        return n;
      }
      if (!n.isObject()) {
        throw new IllegalArgumentException(field + " must be an object");
      }
      return n;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, int max) {
      if (node.isMissingNode() || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        throw new IllegalArgumentException(field + " must be an array");
      }
      if (node.size() > max) {
        throw new IllegalArgumentException(
            field + " has " + node.size() + " entries, over the limit of " + max);
      }
      return node;
    }

    private static List<String> strings(JsonNode node, String field, int max) {
      List<String> out = new ArrayList<>();
      for (JsonNode s : array(node, field, max)) {
        if (!s.isTextual()) {
          throw new IllegalArgumentException(field + " must hold strings");
        }
        String text = s.asText();
        if (text.length() > OsvLimits.MAX_NAME_CHARS) {
          throw new IllegalArgumentException(field + " holds an over-long string");
        }
        out.add(text);
      }
      return out;
    }

    private static String requiredText(JsonNode parent, String field) {
      JsonNode n = parent.path(field);
      if (!n.isTextual() || n.asText().isBlank()) {
        throw new IllegalArgumentException("required field '" + field + "' is missing or not text");
      }
      if (n.asText().length() > OsvLimits.MAX_TEXT_CHARS) {
        throw new IllegalArgumentException("field '" + field + "' is too long");
      }
      return n.asText();
    }

    private static String optionalText(JsonNode parent, String field) {
      String s = optionalTextOrNull(parent, field);
      return s == null ? "" : s;
    }

    private static @Nullable String optionalTextOrNull(JsonNode parent, String field) {
      JsonNode n = parent.path(field);
      if (n.isMissingNode() || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        throw new IllegalArgumentException("field '" + field + "' must be text");
      }
      return n.asText();
    }

    private static @Nullable String textOrNull(JsonNode n) {
      return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static @Nullable Instant optionalTime(JsonNode parent, String field) {
      String s = optionalTextOrNull(parent, field);
      return s == null ? null : time(s, field);
    }

    /** RFC 3339 as the schema says; a missing offset (seen in the wild) is read as UTC. */
    private static Instant time(String text, String field) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException(
              "field '"
                  + field
                  + "' is not an RFC 3339 timestamp: "
                  + text.substring(0, Math.min(text.length(), 40)),
              e2);
        }
      }
    }

    private static String cut(String text, int max) {
      return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
  }
}
