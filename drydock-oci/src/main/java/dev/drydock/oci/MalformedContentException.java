package dev.drydock.oci;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A manifest, index, config, archive or tar header is not well formed: bad JSON, a missing required
 * field, an unexpected media type, a corrupt tar header.
 */
public final class MalformedContentException extends OciException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the input and the problem. */
  public MalformedContentException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public MalformedContentException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
