package dev.drydock.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.drydock.engine.ContainerDetails;

/**
 * Reads inspect fields that {@link ContainerDetails} does not model from its raw JSON (already
 * parsed and bounded by the engine client).
 */
final class RawFields {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RawFields() {}

  /** {@return the node at the path, or a missing node} */
  static JsonNode at(ContainerDetails c, String... path) {
    JsonNode node;
    try {
      node = MAPPER.readTree(c.rawJson());
    } catch (JacksonException e) {
      return MissingNode.getInstance();
    }
    for (String p : path) {
      node = node.path(p);
    }
    return node;
  }

  static String text(ContainerDetails c, String... path) {
    JsonNode n = at(c, path);
    return n.isTextual() ? n.textValue() : "";
  }

  static long number(ContainerDetails c, String... path) {
    JsonNode n = at(c, path);
    return n.isIntegralNumber() ? n.longValue() : 0;
  }
}
