package dev.drydock.scanner;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Why a product is {@link VexStatus#NOT_AFFECTED} (OpenVEX spec v0.2.0, section "Status
 * Justifications"; the five labels come from the CISA VEX status justification document).
 */
public enum VexJustification {
  /** The vulnerable component is not in the product. */
  COMPONENT_NOT_PRESENT,
  /** The component is present but not the vulnerable code. */
  VULNERABLE_CODE_NOT_PRESENT,
  /** The vulnerable code cannot be executed. */
  VULNERABLE_CODE_NOT_IN_EXECUTE_PATH,
  /** An attacker cannot reach the vulnerable code with controlled input. */
  VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY,
  /** The product has built-in protection against the exploit. */
  INLINE_MITIGATIONS_ALREADY_EXIST;

  /** {@return the spec label, e.g. {@code component_not_present}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@return the justification with this exact spec label, or null when there is none} */
  static @Nullable VexJustification of(String label) {
    for (VexJustification j : values()) {
      if (j.label().equals(label)) {
        return j;
      }
    }
    return null;
  }
}
