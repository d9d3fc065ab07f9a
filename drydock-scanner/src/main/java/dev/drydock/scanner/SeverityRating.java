package dev.drydock.scanner;

import dev.drydock.model.Severity;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The severity drydock reports for a vulnerability and where it came from.
 *
 * @param severity the rating
 * @param cvss the CVSS score it was computed from, when it came from a vector
 * @param source where the rating came from: {@code <record id> CVSS_V3}, {@code <record id>
 *     database_specific}, {@code <record id> urgency}, or {@code none}
 */
public record SeverityRating(Severity severity, @Nullable CvssScore cvss, String source) {

  /** Checks the fields. */
  public SeverityRating {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(source, "source");
  }

  /** {@return a rating for records that carry none} */
  public static SeverityRating unknown() {
    return new SeverityRating(Severity.UNKNOWN, null, "none");
  }

  /** {@return the score, or -1 when there is no CVSS score (for ordering)} */
  double scoreOrMinus() {
    CvssScore c = cvss;
    return c == null ? -1 : c.baseScore();
  }
}
