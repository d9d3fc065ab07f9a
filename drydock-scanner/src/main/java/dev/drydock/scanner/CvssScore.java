package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import java.util.Objects;

/**
 * A CVSS base score computed from a vector string.
 *
 * @param version the CVSS version of the vector: {@code 3.0}, {@code 3.1} or {@code 4.0}
 * @param baseScore the base score, 0.0 to 10.0 with one decimal
 * @param vector the vector string as given
 */
public record CvssScore(String version, double baseScore, String vector) {

  /** Checks the score range. */
  public CvssScore {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(vector, "vector");
    if (!(baseScore >= 0.0 && baseScore <= 10.0)) {
      throw new InvalidValueException("CVSS score", Double.toString(baseScore), "expected 0 to 10");
    }
  }

  /** {@return the qualitative rating of the base score} */
  public Severity severity() {
    return severityOf(baseScore);
  }

  /**
   * Maps a score to drydock's severity with the CVSS qualitative scale (v3.1 spec section 5, v4.0
   * spec section 6): 0.0 None → {@code INFO}, 0.1–3.9 {@code LOW}, 4.0–6.9 {@code MEDIUM}, 7.0–8.9
   * {@code HIGH}, 9.0–10.0 {@code CRITICAL}.
   */
  public static Severity severityOf(double score) {
    if (score >= 9.0) {
      return Severity.CRITICAL;
    } else if (score >= 7.0) {
      return Severity.HIGH;
    } else if (score >= 4.0) {
      return Severity.MEDIUM;
    } else if (score > 0.0) {
      return Severity.LOW;
    }
    return Severity.INFO;
  }
}
