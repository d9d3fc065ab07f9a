package dev.drydock.oci;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The registry or its token server refused the credentials, or the challenge was not usable. */
public final class RegistryAuthException extends RegistryException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RegistryAuthException(String message, int status, @Nullable String code) {
    super(message, status, code);
  }
}
