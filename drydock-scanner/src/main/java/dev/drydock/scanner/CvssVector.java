package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splits a CVSS vector string into its metrics, checking names, values and duplicates. */
final class CvssVector {
  private static final int MAX_CHARS = 512;

  private CvssVector() {}

  /**
   * Parses {@code CVSS:<version>/K:V/...}.
   *
   * @param allowed every metric the version knows, with its allowed values
   * @param required the metrics that must be present
   */
  static Map<String, String> metrics(
      String vector, String prefix, Map<String, List<String>> allowed, List<String> required) {
    if (vector.length() > MAX_CHARS || !vector.startsWith(prefix + "/")) {
      throw invalid(vector, "expected a vector starting with " + prefix + "/");
    }
    String[] parts = vector.substring(prefix.length() + 1).split("/", -1);
    if (parts.length > allowed.size()) {
      throw invalid(vector, "too many metrics");
    }
    Map<String, String> out = new HashMap<>();
    for (String part : parts) {
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw invalid(vector, "metric '" + part + "' is not NAME:VALUE");
      }
      String name = part.substring(0, colon);
      String value = part.substring(colon + 1);
      List<String> values = allowed.get(name);
      if (values == null) {
        throw invalid(vector, "unknown metric " + name);
      }
      if (!values.contains(value)) {
        throw invalid(vector, "metric " + name + " cannot be '" + value + "'");
      }
      if (out.put(name, value) != null) {
        throw invalid(vector, "metric " + name + " is given twice");
      }
    }
    for (String name : required) {
      if (!out.containsKey(name)) {
        throw invalid(vector, "base metric " + name + " is missing");
      }
    }
    return out;
  }

  static InvalidValueException invalid(String vector, String why) {
    return new InvalidValueException("CVSS vector", vector, why);
  }
}
