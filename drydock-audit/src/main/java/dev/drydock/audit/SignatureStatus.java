package dev.drydock.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * What the trust policy says about an image's signatures.
 *
 * @param state the outcome
 * @param detail the evidence: which keys signed, or why the image is refused or not checked
 */
public record SignatureStatus(State state, String detail) {
  /** The outcomes, from best to worst. */
  public enum State {
    /** Signatures satisfy the policy's prod requirements. */
    SIGNED_PROD,
    /** Signatures satisfy the dev requirements only. */
    SIGNED_DEV,
    /** There is no signature, or none that verifies, or the policy refuses the image. */
    UNSIGNED,
    /** No trust policy is configured, so nothing was checked. */
    NOT_CHECKED;

    /** {@return the snake-case label used in every output, e.g. {@code signed_prod}} */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Rejects nulls. */
  public SignatureStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@return the status of an image when no trust policy is configured} */
  public static SignatureStatus notChecked(String why) {
    return new SignatureStatus(State.NOT_CHECKED, why);
  }
}
