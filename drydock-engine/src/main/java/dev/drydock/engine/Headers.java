package dev.drydock.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP header fields, looked up case-insensitively (RFC 9110 section 5.1). */
final class Headers {
  private final Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  void add(String name, String value) {
    fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  /** {@return the first value of the field, if present} */
  Optional<String> first(String name) {
    List<String> values = fields.get(name);
    return values == null ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** {@return every value of the field, in arrival order} */
  List<String> all(String name) {
    return List.copyOf(fields.getOrDefault(name, List.of()));
  }

  int size() {
    return fields.size();
  }
}
