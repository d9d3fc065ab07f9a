package dev.drydock.trust;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Strict JSON for untrusted signature material: duplicate keys, trailing content, deep nesting and
 * huge strings are refused, so that two parsers cannot read one document differently.
 */
final class Json {
  /** Signature documents are small; the cap bounds work on hostile input. */
  static final int MAX_BYTES = 1 << 20;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxStringLength(MAX_BYTES)
                          .maxNumberLength(40)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /** A structural error in an untrusted document, mapped to a typed exception by the caller. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }

    Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static ObjectNode parseObject(byte[] bytes) throws Malformed {
    if (bytes.length > MAX_BYTES) {
      throw new Malformed("larger than " + MAX_BYTES + " bytes");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new Malformed("not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new Malformed("not a JSON object");
    }
    return object;
  }

  static ObjectNode object(JsonNode parent, String field) throws Malformed {
    JsonNode node = parent.get(field);
    if (!(node instanceof ObjectNode object)) {
      throw new Malformed("\"" + field + "\" must be an object");
    }
    return object;
  }

  static String text(JsonNode parent, String field) throws Malformed {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new Malformed("\"" + field + "\" must be a string");
    }
    return node.textValue();
  }

  static @Nullable String optionalText(JsonNode parent, String field) throws Malformed {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new Malformed("\"" + field + "\" must be a string");
    }
    return node.textValue();
  }

  static long integer(JsonNode parent, String field) throws Malformed {
    JsonNode node = parent.get(field);
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new Malformed("\"" + field + "\" must be an integer");
    }
    return node.longValue();
  }

  static byte[] base64(JsonNode parent, String field) throws Malformed {
    String value = text(parent, field);
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new Malformed("\"" + field + "\" is not standard base64", e);
    }
  }

  static void onlyFields(JsonNode node, String where, String... allowed) throws Malformed {
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!java.util.Arrays.asList(allowed).contains(name)) {
        throw new Malformed(where + " has an unknown member \"" + name + "\"");
      }
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
