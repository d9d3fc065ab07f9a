package dev.drydock.engine;

import java.io.Serial;

/**
 * Talking to a Docker daemon failed: it could not be reached, refused the request or answered
 * something we could not understand. The message says what we tried, where, and why it failed.
 */
public abstract sealed class EngineException extends Exception
    permits EngineUnreachableException,
        EngineTimeoutException,
        EngineTlsException,
        EngineApiException,
        EngineProtocolException,
        EngineResponseTooLargeException {
  @Serial private static final long serialVersionUID = 1L;

  private final String action;
  private final String endpoint;
  private final String reason;

  EngineException(String action, String endpoint, String reason, Throwable cause) {
    super(message(action, endpoint, reason), cause);
    this.action = action;
    this.endpoint = endpoint;
    this.reason = reason;
  }

  EngineException(String action, String endpoint, String reason) {
    super(message(action, endpoint, reason));
    this.action = action;
    this.endpoint = endpoint;
    this.reason = reason;
  }

  /** {@return what we tried to do, e.g. {@code get system information from the Docker daemon}} */
  public String action() {
    return action;
  }

  /** {@return the daemon's address, e.g. {@code unix:///var/run/docker.sock}} */
  public String endpoint() {
    return endpoint;
  }

  /** {@return why it failed and, where we know, what to do about it} */
  public String reason() {
    return reason;
  }

  private static String message(String action, String endpoint, String reason) {
    return "Tried to " + action + " at " + endpoint + " but failed because: " + reason;
  }
}
