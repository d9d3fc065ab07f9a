package dev.drydock.oci;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A Docker credential helper could not give credentials: it is not on {@code PATH}, it failed, it
 * timed out or it printed something other than the expected JSON. The message names the helper and
 * the registry, never a secret.
 */
public final class CredentialHelperException extends OciException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the helper and says what to do. */
  public CredentialHelperException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public CredentialHelperException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
