package dev.drydock.testkit;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an external command that ran to completion.
 *
 * @param command the command line, program first
 * @param exitCode the exit code
 * @param stdout standard output
 * @param stderr standard error
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
  /** Copies the command and checks that nothing is null. */
  public CommandResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** {@return whether the command exited with 0} */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
