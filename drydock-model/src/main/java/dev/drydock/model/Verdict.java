package dev.drydock.model;

import java.util.Objects;

/**
 * A decision by a gate or policy: allow, or deny with the reason. Sealed so that every caller
 * handles both cases in an exhaustive {@code switch}.
 */
public sealed interface Verdict {

  /** {@return the rule or policy that decided} */
  String decidedBy();

  /** {@return an allow verdict} */
  static Verdict allow(String decidedBy) {
    return new Allow(decidedBy);
  }

  /** {@return a deny verdict with the reason shown to the caller} */
  static Verdict deny(String decidedBy, String reason) {
    return new Deny(decidedBy, reason);
  }

  /**
   * The request may go ahead.
   *
   * @param decidedBy the rule that allowed it
   */
  record Allow(String decidedBy) implements Verdict {
    /** Validates the fields. */
    public Allow {
      Objects.requireNonNull(decidedBy, "decidedBy");
    }
  }

  /**
   * The request is refused.
   *
   * @param decidedBy the rule that refused it
   * @param reason why, in words the caller can act on
   */
  record Deny(String decidedBy, String reason) implements Verdict {
    /** Validates the fields. */
    public Deny {
      Objects.requireNonNull(decidedBy, "decidedBy");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
