package dev.drydock.engine;

import java.io.Serial;

/**
 * The daemon answered with an HTTP error status; {@link #daemonMessage()} is the {@code message} it
 * sent, e.g. {@code No such container: web}.
 */
public sealed class EngineApiException extends EngineException permits EngineNotFoundException {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;
  private final String daemonMessage;

  EngineApiException(String action, String endpoint, int status, String daemonMessage) {
    this(
        action,
        endpoint,
        status,
        daemonMessage,
        "the daemon answered HTTP " + status + ": " + daemonMessage);
  }

  EngineApiException(
      String action, String endpoint, int status, String daemonMessage, String reason) {
    super(action, endpoint, reason);
    this.status = status;
    this.daemonMessage = daemonMessage;
  }

  /** {@return the HTTP status code, e.g. 404} */
  public int status() {
    return status;
  }

  /** {@return the daemon's error message, or the start of the body if it sent no JSON message} */
  public String daemonMessage() {
    return daemonMessage;
  }
}
