package dev.drydock.trust;

import org.jspecify.annotations.Nullable;

/** A trust policy file is malformed, hostile, or names keys drydock does not know. */
public final class PolicyException extends TrustException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the policy file and what to fix. */
  public PolicyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
