package dev.drydock.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON helpers shared by the codecs: strict tree parsing with limits (duplicate keys refused,
 * nesting and string sizes capped) and typed field access whose errors name the document and the
 * field.
 */
final class Codecs {
  /** Largest manifest, index or config accepted (distribution accepts 4 MB manifests). */
  static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper MAPPER = newMapper();

  private Codecs() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(MAX_DOCUMENT_BYTES)
                    .maxNumberLength(40)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return new ObjectMapper(factory);
  }

  static ObjectNode parseObject(byte[] json, String what) throws MalformedContentException {
    JsonNode node = parseAny(json, what);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new MalformedContentException(what + " must be a JSON object");
  }

  static JsonNode parseAny(byte[] json, String what) throws MalformedContentException {
    if (json.length > MAX_DOCUMENT_BYTES) {
      throw new MalformedContentException(
          what + " is " + json.length + " bytes, more than the limit of " + MAX_DOCUMENT_BYTES);
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(json)) {
      node = MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new MalformedContentException(what + " has trailing content after the JSON object");
      }
    } catch (StreamConstraintsException e) {
      throw new MalformedContentException(
          what + " exceeds a JSON limit: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedContentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new MalformedContentException(what + " is empty");
    }
    return node;
  }

  static String text(JsonNode parent, String field, String what) throws MalformedContentException {
    String value = optText(parent, field, what);
    if (value == null) {
      throw new MalformedContentException(what + " lacks the required field '" + field + "'");
    }
    return value;
  }

  static @Nullable String optText(JsonNode parent, String field, String what)
      throws MalformedContentException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedContentException(what + ": '" + field + "' must be a string");
    }
    return node.textValue();
  }

  static long optLong(JsonNode parent, String field, String what) throws MalformedContentException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new MalformedContentException(what + ": '" + field + "' must be an integer");
    }
    return node.longValue();
  }

  static Digest digest(JsonNode parent, String field, String what)
      throws MalformedContentException {
    return digestOf(text(parent, field, what), what + " '" + field + "'");
  }

  static Digest digestOf(String text, String what) throws MalformedContentException {
    try {
      return Digest.parse(text);
    } catch (InvalidValueException e) {
      throw new MalformedContentException(what + ": " + e.getMessage(), e);
    }
  }

  static @Nullable JsonNode optObject(JsonNode parent, String field, String what)
      throws MalformedContentException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new MalformedContentException(what + ": '" + field + "' must be an object");
    }
    return node;
  }

  static @Nullable List<JsonNode> optArray(JsonNode parent, String field, String what)
      throws MalformedContentException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new MalformedContentException(what + ": '" + field + "' must be an array");
    }
    List<JsonNode> items = new ArrayList<>();
    node.elements().forEachRemaining(items::add);
    return items;
  }

  static @Nullable List<String> optStrings(JsonNode parent, String field, String what)
      throws MalformedContentException {
    List<JsonNode> items = optArray(parent, field, what);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (!item.isTextual()) {
        throw new MalformedContentException(what + ": '" + field + "' must hold only strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  static List<String> strings(JsonNode parent, String field, String what)
      throws MalformedContentException {
    List<String> out = optStrings(parent, field, what);
    return out == null ? List.of() : out;
  }

  static Map<String, String> stringMap(JsonNode parent, String field, String what)
      throws MalformedContentException {
    JsonNode node = optObject(parent, field, what);
    if (node == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new MalformedContentException(
            what + ": '" + field + "." + e.getKey() + "' must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** The keys of an object used as a set, e.g. {@code ExposedPorts: {"80/tcp": {}}}. */
  static List<String> keys(JsonNode parent, String field, String what)
      throws MalformedContentException {
    JsonNode node = optObject(parent, field, what);
    if (node == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static Map<String, String> orderedCopy(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Writes one JSON document with a generator; Jackson's output is compact and deterministic. */
  static byte[] write(Writer body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
      body.write(gen);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  static void stringMap(JsonGenerator gen, String field, Map<String, String> map)
      throws IOException {
    if (map.isEmpty()) {
      return;
    }
    gen.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : map.entrySet()) {
      gen.writeStringField(e.getKey(), e.getValue());
    }
    gen.writeEndObject();
  }

  static void strings(JsonGenerator gen, String field, @Nullable List<String> values)
      throws IOException {
    if (values == null) {
      return;
    }
    gen.writeArrayFieldStart(field);
    for (String v : values) {
      gen.writeString(v);
    }
    gen.writeEndArray();
  }

  static void optString(JsonGenerator gen, String field, @Nullable String value)
      throws IOException {
    if (value != null) {
      gen.writeStringField(field, value);
    }
  }

  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator gen) throws IOException;
  }
}
