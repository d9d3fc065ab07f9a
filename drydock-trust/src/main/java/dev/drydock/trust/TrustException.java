package dev.drydock.trust;

import org.jspecify.annotations.Nullable;

/**
 * The checked root of drydock-trust: key files that cannot be read, signatures that do not verify,
 * policies that refuse an image. Messages name the input and say what to do.
 */
public class TrustException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming the input and what to do. */
  public TrustException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public TrustException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
