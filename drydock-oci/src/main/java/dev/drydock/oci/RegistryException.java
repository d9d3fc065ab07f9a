package dev.drydock.oci;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A registry or daemon answered with an error, or could not be reached. Carries the HTTP status (0
 * when there was none) and the error code from the registry's error body when it sent one.
 */
public class RegistryException extends OciException {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String code;

  /** Creates the exception. */
  public RegistryException(String message, int status, @Nullable String code) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** Creates the exception with its cause (no HTTP status). */
  public RegistryException(String message, @Nullable Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.code = null;
  }

  /** {@return the HTTP status, or 0 when the request did not get an answer} */
  public int status() {
    return status;
  }

  /** {@return the first error code of the registry's error body, e.g. {@code MANIFEST_UNKNOWN}} */
  public @Nullable String code() {
    return code;
  }
}
