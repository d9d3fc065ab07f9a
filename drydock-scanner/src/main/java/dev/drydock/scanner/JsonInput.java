package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads one untrusted JSON document that must be an object, under a size cap, turning every way it
 * can be wrong into the caller's typed exception (OSV records, OpenVEX documents).
 */
final class JsonInput {
  private JsonInput() {}

  /** Makes the caller's exception for a problem, with the parser's cause when there is one. */
  @FunctionalInterface
  interface Failure<E extends Exception> {
    E of(String problem, @Nullable Throwable cause);
  }

  static <E extends Exception> JsonNode object(
      ObjectMapper mapper, byte[] json, long maxBytes, String what, Failure<E> failure) throws E {
    if (json.length > maxBytes) {
      throw failure.of(what + " is " + json.length + " bytes, over the limit of " + maxBytes, null);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (IOException e) {
      throw failure.of("not valid JSON (" + firstLine(e) + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw failure.of("expected a JSON object", null);
    }
    return root;
  }

  /** {@return the first line of a parser message, which goes on to quote the input} */
  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
