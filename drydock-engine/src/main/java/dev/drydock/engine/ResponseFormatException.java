package dev.drydock.engine;

import java.io.Serial;

/**
 * A well-formed HTTP response whose content (JSON, headers) is not what the Engine API documents;
 * mapped to {@link EngineProtocolException} by {@link EngineCaller}.
 */
final class ResponseFormatException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  ResponseFormatException(String message) {
    super(message);
  }

  ResponseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
