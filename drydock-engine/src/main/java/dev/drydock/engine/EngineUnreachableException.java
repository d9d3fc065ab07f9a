package dev.drydock.engine;

import java.io.Serial;

/**
 * No connection to the daemon could be made: the socket is missing or refused, the host unknown, or
 * the connection timed out. The reason says what to check (is dockerd running, is {@code
 * DOCKER_HOST} right, may we open the socket).
 */
public final class EngineUnreachableException extends EngineException {
  @Serial private static final long serialVersionUID = 1L;

  EngineUnreachableException(String action, String endpoint, String reason, Throwable cause) {
    super(action, endpoint, reason, cause);
  }
}
