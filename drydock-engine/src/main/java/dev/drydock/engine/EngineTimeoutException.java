package dev.drydock.engine;

import java.io.Serial;

/** The daemon accepted the connection but did not answer within the read timeout. */
public final class EngineTimeoutException extends EngineException {
  @Serial private static final long serialVersionUID = 1L;

  EngineTimeoutException(String action, String endpoint, String reason, Throwable cause) {
    super(action, endpoint, reason, cause);
  }
}
