package dev.drydock.scanner;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The impact status of an OpenVEX statement (OpenVEX spec v0.2.0, section "Status Labels"). Only
 * {@link #NOT_AFFECTED} and {@link #FIXED} suppress a finding.
 */
public enum VexStatus {
  /** No remediation is required for the product. */
  NOT_AFFECTED,
  /** The product is affected; the statement's action text says what to do. */
  AFFECTED,
  /** The product version contains a fix. */
  FIXED,
  /** It is not yet known whether the product is affected. */
  UNDER_INVESTIGATION;

  /** {@return the spec label, e.g. {@code not_affected}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@return whether a statement with this status suppresses a finding} */
  public boolean suppresses() {
    return switch (this) {
      case NOT_AFFECTED, FIXED -> true;
      case AFFECTED, UNDER_INVESTIGATION -> false;
    };
  }

  /** {@return the status with this exact spec label, or null when there is none} */
  static @Nullable VexStatus of(String label) {
    for (VexStatus s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }
}
