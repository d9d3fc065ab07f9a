package dev.drydock.testkit;

import java.io.Serial;

/** The test environment could not be prepared: no Docker engine, or a command that failed. */
public abstract sealed class TestkitException extends Exception
    permits CommandFailedException, DockerUnavailableException {
  @Serial private static final long serialVersionUID = 1L;

  TestkitException(String message) {
    super(message);
  }

  TestkitException(String message, Throwable cause) {
    super(message, cause);
  }
}
