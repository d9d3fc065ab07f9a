package dev.drydock.pki;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Whether an issued certificate can still be used, as of a given instant. */
public enum CertificateStatus {
  /** Not revoked and not yet past its notAfter. */
  VALID,
  /** Past its notAfter. */
  EXPIRED,
  /** Revoked by the CA; listed in its CRL. */
  REVOKED;

  static CertificateStatus of(@Nullable Revocation revocation, Instant notAfter, Instant now) {
    if (revocation != null) {
      return REVOKED;
    }
    return now.isAfter(notAfter) ? EXPIRED : VALID;
  }
}
