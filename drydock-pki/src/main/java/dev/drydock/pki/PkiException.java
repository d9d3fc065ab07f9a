package dev.drydock.pki;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A PKI operation failed because of a file, a key or a peer: the root of this module's checked
 * exceptions. The message names the file or input and says what to do.
 */
public class PkiException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was tried, on which input, and what to do about it
   */
  public PkiException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what was tried, on which input, and what to do about it
   * @param cause the underlying failure
   */
  public PkiException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
