package dev.drydock.engine;

import dev.drydock.model.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which events to stream and for how long.
 *
 * <pre>{@code
 * EventQuery q = EventQuery.follow().filter("type", "container").filter("event", "start", "die");
 * }</pre>
 *
 * @param filters Docker's event filters: key ({@code type}, {@code event}, {@code container},
 *     {@code label}, ...) to accepted values; values of one key are OR-ed, keys are AND-ed
 * @param since replay events from this time on; null for none (only new events)
 * @param until stop the stream at this time; null to follow until closed
 * @param idleTimeout how long to wait for the next event before the stream fails with {@link
 *     EngineTimeoutException}; the daemon sends nothing while nothing happens
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemEvents">SystemEvents</a>
 */
public record EventQuery(
    Map<String, List<String>> filters,
    @Nullable Instant since,
    @Nullable Instant until,
    Duration idleTimeout) {

  /** The filter keys the Engine API documents for {@code /events}. */
  public static final Set<String> FILTER_KEYS =
      Set.of(
          "config",
          "container",
          "daemon",
          "event",
          "image",
          "label",
          "network",
          "node",
          "plugin",
          "scope",
          "secret",
          "service",
          "type",
          "volume");

  /** The longest wait a follow stream accepts: the socket timeout's limit, about 24 days. */
  public static final Duration MAX_IDLE = Duration.ofMillis(Integer.MAX_VALUE);

  private static final int MAX_VALUE_LENGTH = 512;
  private static final int MAX_VALUES = 256;

  /**
   * Validates the filters and times.
   *
   * @throws InvalidValueException if a filter key is unknown, a value is empty, too long or holds a
   *     control character, or {@code until} is before {@code since}
   */
  public EventQuery {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<String, List<String>> e : filters.entrySet()) {
      if (!FILTER_KEYS.contains(e.getKey())) {
        throw new InvalidValueException(
            "event filter key",
            e.getKey(),
            "use one of " + List.copyOf(FILTER_KEYS.stream().sorted().toList()));
      }
      for (String value : e.getValue()) {
        requireValue(value);
        count++;
      }
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    if (count > MAX_VALUES) {
      throw new InvalidValueException(
          "event filters", count + " values", "give at most " + MAX_VALUES + " filter values");
    }
    filters = Map.copyOf(copy);
    if (since != null && until != null && until.isBefore(since)) {
      throw new InvalidValueException(
          "event time range", since + ".." + until, "until must not be before since");
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(MAX_IDLE) > 0) {
      throw new InvalidValueException(
          "event idle timeout", idleTimeout.toString(), "give a positive duration up to 24 days");
    }
  }

  /** {@return a query for every new event, waiting as long as {@link #MAX_IDLE} between events} */
  public static EventQuery follow() {
    return new EventQuery(Map.of(), null, null, MAX_IDLE);
  }

  /** {@return a copy that also requires {@code key} to be one of {@code values}} */
  public EventQuery filter(String key, String... values) {
    Map<String, List<String>> more = new LinkedHashMap<>(filters);
    List<String> merged = new ArrayList<>(more.getOrDefault(key, List.of()));
    merged.addAll(List.of(values));
    more.put(key, merged);
    return new EventQuery(more, since, until, idleTimeout);
  }

  /** {@return a copy that replays events from {@code time} on} */
  public EventQuery since(Instant time) {
    return new EventQuery(filters, Objects.requireNonNull(time, "time"), until, idleTimeout);
  }

  /** {@return a copy whose stream ends at {@code time}} */
  public EventQuery until(Instant time) {
    return new EventQuery(filters, since, Objects.requireNonNull(time, "time"), idleTimeout);
  }

  /** {@return a copy with another idle timeout} */
  public EventQuery idleTimeout(Duration timeout) {
    return new EventQuery(filters, since, until, timeout);
  }

  private static void requireValue(String value) {
    if (value.isEmpty()
        || value.length() > MAX_VALUE_LENGTH
        || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidValueException(
          "event filter value",
          value,
          "give 1 to " + MAX_VALUE_LENGTH + " characters without control characters");
    }
  }
}
