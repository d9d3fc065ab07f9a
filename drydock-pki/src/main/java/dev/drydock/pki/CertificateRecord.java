package dev.drydock.pki;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One certificate in a CA's index of issued certificates, with its status as of when it was read.
 *
 * @param serial the serial number
 * @param subject the subject distinguished name in RFC 4514 form, e.g. {@code
 *     CN=registry,O=drydock}
 * @param kind server or client
 * @param sans the subject alternative names
 * @param notBefore the first valid instant
 * @param notAfter the last valid instant
 * @param status valid, expired or revoked, computed with the CA's clock
 * @param revocation when and why it was revoked, or null when it was not
 */
public record CertificateRecord(
    SerialNumber serial,
    String subject,
    CertificateKind kind,
    List<SubjectAltName> sans,
    Instant notBefore,
    Instant notAfter,
    CertificateStatus status,
    @Nullable Revocation revocation) {

  /** Checks the parts are present and the status agrees with the revocation. */
  public CertificateRecord {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(status, "status");
    sans = List.copyOf(sans);
    if ((status == CertificateStatus.REVOKED) != (revocation != null)) {
      throw new IllegalArgumentException(
          "status " + status + " contradicts revocation " + revocation + " of " + serial);
    }
  }

  /** {@return this record revoked as given} */
  CertificateRecord revoked(Revocation how) {
    return new CertificateRecord(
        serial, subject, kind, sans, notBefore, notAfter, CertificateStatus.REVOKED, how);
  }

  /** {@return this record with its status recomputed for {@code now}} */
  CertificateRecord at(Instant now) {
    return new CertificateRecord(
        serial,
        subject,
        kind,
        sans,
        notBefore,
        notAfter,
        CertificateStatus.of(revocation, notAfter, now),
        revocation);
  }
}
