package dev.drydock.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one area of the host stands, 0 (worst) to 100 (nothing found); see docs/audit.md ("Area
 * scores").
 *
 * @param id a stable identifier: {@code cis}, {@code host}, {@code images}, {@code containers},
 *     {@code signatures}, {@code overall}
 * @param title the name shown to people
 * @param score the score, or null when the area was not assessed
 * @param basis how the score was reached, or why there is none
 */
public record AreaScore(String id, String title, @Nullable Integer score, String basis) {
  /** Validates. */
  public AreaScore {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(basis, "basis");
    if (score != null && (score < 0 || score > 100)) {
      throw new IllegalArgumentException("An area score is 0 to 100, not " + score);
    }
  }
}
