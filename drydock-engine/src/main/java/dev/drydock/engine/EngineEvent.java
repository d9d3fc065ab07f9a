package dev.drydock.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event from the daemon's {@code GET /events} stream.
 *
 * @param type the object kind: {@code container}, {@code image}, {@code network}, {@code volume},
 *     {@code daemon}, {@code plugin}, {@code node}, {@code service}, {@code secret}, {@code config}
 * @param action what happened, e.g. {@code create}, {@code start}, {@code die}; exec events carry
 *     the command line ({@code exec_start: sh -c id})
 * @param actorId the object's ID (a container ID, an image reference, a network ID)
 * @param attributes the object's attributes at that moment: {@code name}, {@code image}, labels,
 *     {@code exitCode}, {@code signal}, ...
 * @param scope {@code local} or {@code swarm}
 * @param time when it happened, to the nanosecond where the daemon sent {@code timeNano}
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemEvents">SystemEvents</a>
 */
public record EngineEvent(
    String type,
    String action,
    String actorId,
    Map<String, String> attributes,
    String scope,
    Instant time) {

  /** Copies the attributes and rejects nulls. */
  public EngineEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actorId, "actorId");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(time, "time");
  }

  /** {@return the time as nanoseconds since the epoch, Docker's {@code timeNano}} */
  public long timeNano() {
    return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
  }

  /** {@return the actor's {@code name} attribute (a container's name), or empty} */
  public String actorName() {
    return attributes.getOrDefault("name", "");
  }
}
