package dev.drydock.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
    JsonNode node;
    try {
      node = MAPPER.readTree(response.body());
    } catch (JacksonException e) {
      throw new ResponseFormatException(
          "the body is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ResponseFormatException("the body could not be read as JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new ResponseFormatException("the body is not a JSON object");
    }
    return node;
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
