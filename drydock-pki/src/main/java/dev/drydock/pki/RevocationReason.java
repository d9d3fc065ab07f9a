package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why a certificate was revoked, as carried in the CRL entry. certificateHold is left out on
 * purpose: drydock's revocations are final.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-5.3.1">RFC 5280, 5.3.1</a>
 */
public enum RevocationReason {
  /** No reason given. */
  UNSPECIFIED(0),
  /** The certificate's private key was exposed. */
  KEY_COMPROMISE(1),
  /** The subject's name or role changed. */
  AFFILIATION_CHANGED(3),
  /** A new certificate replaces this one. */
  SUPERSEDED(4),
  /** The service or person no longer exists. */
  CESSATION_OF_OPERATION(5),
  /** A privilege in the certificate (a role) was taken away. */
  PRIVILEGE_WITHDRAWN(9);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /**
   * Parses a reason in any of the forms {@code KEY_COMPROMISE}, {@code key-compromise} or {@code
   * keyCompromise}.
   *
   * @throws InvalidValueException naming the input and listing the valid reasons
   */
  public static RevocationReason parse(String text) {
    String wanted = normalise(text);
    for (RevocationReason reason : values()) {
      if (normalise(reason.name()).equals(wanted)) {
        return reason;
      }
    }
    throw new InvalidValueException(
        "revocation reason", text, "expected one of " + Arrays.toString(values()));
  }

  /** {@return the RFC 5280 CRLReason code} */
  public int code() {
    return code;
  }

  static RevocationReason ofCode(int code) {
    for (RevocationReason reason : values()) {
      if (reason.code == code) {
        return reason;
      }
    }
    return UNSPECIFIED;
  }

  private static String normalise(String text) {
    return text.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }
}
