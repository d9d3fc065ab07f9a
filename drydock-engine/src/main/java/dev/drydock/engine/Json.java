package dev.drydock.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Engine API JSON into trees and fields. Unknown fields are ignored on purpose: the daemon
 * adds fields in every release, and this client reads only what it maps. Docker sends {@code null}
 * for empty lists, so absent and null read as empty.
 */
final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  /** {@return the body as a JSON object} */
  static JsonNode object(Response response) throws ResponseFormatException {
    return object(response.body());
  }

  /** {@return the bytes as a JSON object} */
  static JsonNode object(byte[] body) throws ResponseFormatException {
    JsonNode node = tree(body);
    if (!node.isObject()) {
      throw new ResponseFormatException("the body is not a JSON object");
    }
    return node;
  }

  /** {@return a new, empty JSON object to build a request value in} */
  static com.fasterxml.jackson.databind.node.ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  private static JsonNode tree(byte[] body) throws ResponseFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new ResponseFormatException(
          "the body is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ResponseFormatException("the body could not be read as JSON", e);
    }
    if (node == null || node.isMissingNode()) {
      throw new ResponseFormatException("the body is empty");
    }
    return node;
  }

  /** {@return the body as a JSON array} */
  static JsonNode array(Response response) throws ResponseFormatException {
    JsonNode node = tree(response.body());
    if (!node.isArray()) {
      throw new ResponseFormatException("the body is not a JSON array");
    }
    return node;
  }

  /** {@return the object field, or a missing node if absent or null} */
  static JsonNode child(JsonNode object, String field) throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isNull()) {
      return MissingNode.getInstance();
    }
    if (!value.isMissingNode() && !value.isObject()) {
      throw wrongType(field, "an object", value);
    }
    return value;
  }

  /** {@return the tree as compact JSON text} */
  static String write(JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JacksonException e) {
      throw new IllegalStateException("a parsed JSON tree could not be written back", e);
    }
  }

  /** {@return the string field, or "" if absent or null} */
  static String text(JsonNode object, String field) throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string", value);
    }
    return value.textValue();
  }

  /** {@return the string field, which must be present and non-empty} */
  static String requiredText(JsonNode object, String field) throws ResponseFormatException {
    String value = text(object, field);
    if (value.isEmpty()) {
      throw new ResponseFormatException("the field " + field + " is missing");
    }
    return value;
  }

  /** {@return the integer field, or 0 if absent or null} */
  static int integer(JsonNode object, String field) throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return 0;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw wrongType(field, "an integer", value);
    }
    return value.intValue();
  }

  /** {@return the integer field as a long, or 0 if absent or null} */
  static long longInteger(JsonNode object, String field) throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return 0;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
      throw wrongType(field, "an integer", value);
    }
    return value.longValue();
  }

  /**
   * {@return the integer field as seconds since the epoch, or {@link Instant#EPOCH} if absent}
   * Values outside {@link Instant}'s range are a format error, not a {@code DateTimeException}.
   */
  static Instant epochSeconds(JsonNode object, String field) throws ResponseFormatException {
    long seconds = longInteger(object, field);
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw new ResponseFormatException(
          "the field " + field + " is out of range for a time: " + seconds);
    }
    return Instant.ofEpochSecond(seconds);
  }

  /** {@return the RFC 3339 time field, or {@link Instant#EPOCH} if absent, null or empty} */
  static Instant time(JsonNode object, String field) throws ResponseFormatException {
    String value = text(object, field);
    if (value.isEmpty()) {
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new ResponseFormatException(
          "the field " + field + " is not an RFC 3339 time: " + e.getMessage(), e);
    }
  }

  /** {@return the object-of-strings field (e.g. labels), or an empty map if absent or null} */
  static Map<String, String> stringMap(JsonNode object, String field)
      throws ResponseFormatException {
    JsonNode value = child(object, field);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isTextual()) {
        throw wrongType(field, "an object of strings", value);
      }
      out.put(entry.getKey(), entry.getValue().textValue());
    }
    return out;
  }

  /** {@return the names of the object field's members (e.g. exposed ports), or an empty list} */
  static List<String> keys(JsonNode object, String field) throws ResponseFormatException {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : child(object, field).properties()) {
      out.add(entry.getKey());
    }
    return out;
  }

  /** {@return the boolean field, or false if absent or null} */
  static boolean bool(JsonNode object, String field) throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "a boolean", value);
    }
    return value.booleanValue();
  }

  /** {@return the array-of-strings field, or an empty list if absent or null} */
  static List<String> strings(JsonNode object, String field) throws ResponseFormatException {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType(field, "an array of strings", value);
    }
    List<String> out = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(field, "an array of strings", value);
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static ResponseFormatException wrongType(String field, String expected, JsonNode value) {
    return new ResponseFormatException(
        "the field " + field + " should be " + expected + " but is " + value.getNodeType());
  }
}
