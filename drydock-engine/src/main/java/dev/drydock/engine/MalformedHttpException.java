package dev.drydock.engine;

import java.io.IOException;
import java.io.Serial;

/** The peer's bytes are not valid HTTP/1.1; mapped to {@link EngineProtocolException}. */
final class MalformedHttpException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  MalformedHttpException(String message) {
    super(message);
  }
}
