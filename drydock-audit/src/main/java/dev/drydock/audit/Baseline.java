package dev.drydock.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a previous audit's JSON report says, as far as trends need it.
 *
 * @param finished when the previous audit ended
 * @param areas area scores by area ID; an area not assessed then is absent
 * @param problems problems by severity label
 * @param containerRisk the risk score of each container by name
 */
public record Baseline(
    Instant finished,
    Map<String, Integer> areas,
    Map<String, Integer> problems,
    Map<String, Integer> containerRisk) {
  /** Copies. */
  public Baseline {
    Objects.requireNonNull(finished, "finished");
    areas = Map.copyOf(areas);
    problems = Map.copyOf(problems);
    containerRisk = Map.copyOf(containerRisk);
  }

  /** {@return the change of an area's score since the baseline, or null when not comparable} */
  public @Nullable Integer delta(AreaScore now) {
    Integer then = areas.get(now.id());
    Integer score = now.score();
    return then == null || score == null ? null : score - then;
  }
}
