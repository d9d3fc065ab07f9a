package dev.drydock.cli;

import java.io.Serial;

/** A failure the CLI itself detects, with the message to show and the exit code to return. */
final class CliException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
