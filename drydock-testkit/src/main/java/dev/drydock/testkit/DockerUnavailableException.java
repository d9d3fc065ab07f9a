package dev.drydock.testkit;

import java.io.Serial;

/** No Docker engine answers and none could be started; the message says how to provide one. */
public final class DockerUnavailableException extends TestkitException {
  @Serial private static final long serialVersionUID = 1L;

  DockerUnavailableException(String message) {
    super(message);
  }

  DockerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
