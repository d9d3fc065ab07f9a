package dev.drydock.pki;

import java.time.Instant;
import java.util.Objects;

/**
 * When and why a certificate was revoked.
 *
 * @param revokedAt the instant of revocation, as written into the CRL
 * @param reason why it was revoked
 */
public record Revocation(Instant revokedAt, RevocationReason reason) {
  /** Checks both parts are present. */
  public Revocation {
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(reason, "reason");
  }
}
