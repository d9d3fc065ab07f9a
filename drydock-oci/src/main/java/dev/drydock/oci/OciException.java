package dev.drydock.oci;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The checked root of every failure of drydock-oci: I/O, peers (daemon, registry) and content that
 * does not verify. Subclasses say which; messages name the input and what to do.
 */
public class OciException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the input and says what to do. */
  public OciException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public OciException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
