package dev.drydock.engine;

import java.io.Serial;

/**
 * The daemon answered something that is not the HTTP/1.1 or JSON the Engine API promises, or an API
 * version this client cannot use.
 */
public final class EngineProtocolException extends EngineException {
  @Serial private static final long serialVersionUID = 1L;

  EngineProtocolException(String action, String endpoint, String reason, Throwable cause) {
    super(action, endpoint, reason, cause);
  }

  EngineProtocolException(String action, String endpoint, String reason) {
    super(action, endpoint, reason);
  }
}
