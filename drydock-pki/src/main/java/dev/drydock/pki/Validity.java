package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The window in which a certificate is valid, to the second (X.509 keeps no finer time).
 *
 * @param notBefore the first valid instant
 * @param notAfter the last valid instant, after {@code notBefore}
 */
public record Validity(Instant notBefore, Instant notAfter) {
  /** Truncates both ends to seconds and rejects empty or reversed windows. */
  public Validity {
    notBefore = Objects.requireNonNull(notBefore, "notBefore").truncatedTo(ChronoUnit.SECONDS);
    notAfter = Objects.requireNonNull(notAfter, "notAfter").truncatedTo(ChronoUnit.SECONDS);
    if (!notAfter.isAfter(notBefore)) {
      throw new InvalidValueException(
          "validity", notBefore + "/" + notAfter, "notAfter must be later than notBefore");
    }
  }

  /** {@return how long the window is} */
  public Duration length() {
    return Duration.between(notBefore, notAfter);
  }
}
