package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code /events} wire format: the query string going out, one JSON object per line coming
 * back. Docker also sends the pre-1.22 fields {@code status}, {@code id} and {@code from}; they
 * repeat {@code Action} and {@code Actor} and are ignored.
 */
final class EventCodec {
  private EventCodec() {}

  /** {@return the request path with the query's parameters} */
  static String path(EventQuery query) {
    StringBuilder path = new StringBuilder("/events");
    char sep = '?';
    if (query.since() != null) {
      path.append(sep).append("since=").append(timestamp(query.since()));
      sep = '&';
    }
    if (query.until() != null) {
      path.append(sep).append("until=").append(timestamp(query.until()));
      sep = '&';
    }
    if (!query.filters().isEmpty()) {
      com.fasterxml.jackson.databind.node.ObjectNode json = Json.newObject();
      // Sorted keys: the same query always gives the same request line.
      for (Map.Entry<String, List<String>> e :
          new java.util.TreeMap<>(query.filters()).entrySet()) {
        var values = json.putArray(e.getKey());
        e.getValue().forEach(values::add);
      }
      path.append(sep)
          .append("filters=")
          .append(URLEncoder.encode(Json.write(json), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return path.toString();
  }

  /** {@return Docker's {@code seconds.nanoseconds} timestamp} */
  static String timestamp(Instant time) {
    return time.getEpochSecond()
        + "."
        + String.format(java.util.Locale.ROOT, "%09d", time.getNano());
  }

  /**
   * Parses one line of the stream.
   *
   * @throws ResponseFormatException if it is not a JSON event object
   */
  static EngineEvent parse(byte[] line) throws ResponseFormatException {
    JsonNode json = Json.object(line);
    JsonNode actor = Json.child(json, "Actor");
    try {
      return new EngineEvent(
          Json.requiredText(json, "Type"),
          Json.text(json, "Action"),
          Json.text(actor, "ID"),
          Json.stringMap(actor, "Attributes"),
          Json.text(json, "scope"),
          time(json));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new ResponseFormatException(String.valueOf(e.getMessage()), e);
    }
  }

  private static Instant time(JsonNode json) throws ResponseFormatException {
    long nanos = Json.longInteger(json, "timeNano");
    if (nanos > 0) {
      return Instant.ofEpochSecond(0, nanos);
    }
    return Instant.ofEpochSecond(Json.longInteger(json, "time"));
  }
}
