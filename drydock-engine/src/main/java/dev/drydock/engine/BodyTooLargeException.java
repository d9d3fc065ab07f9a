package dev.drydock.engine;

import java.io.IOException;
import java.io.Serial;

/** A response body passed the byte limit; mapped to {@link EngineResponseTooLargeException}. */
final class BodyTooLargeException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  BodyTooLargeException(long limit) {
    super("response body exceeds " + limit + " bytes");
  }
}
