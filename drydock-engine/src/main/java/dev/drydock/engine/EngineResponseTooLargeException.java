package dev.drydock.engine;

import java.io.Serial;

/** The daemon's answer was larger than {@link EngineOptions#maxResponseBytes()} allows. */
public final class EngineResponseTooLargeException extends EngineException {
  @Serial private static final long serialVersionUID = 1L;

  private final long limit;

  EngineResponseTooLargeException(String action, String endpoint, long limit, Throwable cause) {
    super(
        action,
        endpoint,
        "the response is larger than the limit of "
            + limit
            + " bytes; raise EngineOptions.maxResponseBytes if the answer is expected to be this big",
        cause);
    this.limit = limit;
  }

  /** {@return the limit, in bytes, that the response exceeded} */
  public long limit() {
    return limit;
  }
}
