package dev.drydock.trust;

import org.jspecify.annotations.Nullable;

/**
 * A key file (cosign encrypted private key, PEM public key, key metadata) is malformed, uses an
 * algorithm or KDF parameter set drydock does not accept, or cannot be read or written.
 */
public class KeyFileException extends TrustException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the key file and what is wrong with it. */
  public KeyFileException(String message) {
    super(message);
  }

  /** Creates an exception naming the key file, with the underlying cause. */
  public KeyFileException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
