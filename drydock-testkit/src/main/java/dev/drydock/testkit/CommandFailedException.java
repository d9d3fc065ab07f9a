package dev.drydock.testkit;

import java.io.Serial;
import java.util.List;

/** An external command (docker, debootstrap, tar) failed, timed out or could not start. */
public final class CommandFailedException extends TestkitException {
  @Serial private static final long serialVersionUID = 1L;

  private final List<String> command;
  private final int exitCode;
  private final String stderr;

  CommandFailedException(List<String> command, int exitCode, String stderr, String reason) {
    super(
        "Tried to run '"
            + String.join(" ", command)
            + "' but failed because: "
            + reason
            + describe(stderr));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  CommandFailedException(List<String> command, String reason, Throwable cause) {
    super("Tried to run '" + String.join(" ", command) + "' but failed because: " + reason, cause);
    this.command = List.copyOf(command);
    this.exitCode = -1;
    this.stderr = "";
  }

  /** {@return the command line, program first} */
  public List<String> command() {
    return command;
  }

  /** {@return the exit code, or -1 if the command timed out or did not start} */
  public int exitCode() {
    return exitCode;
  }

  /** {@return what the command wrote to standard error (the end of it, if long)} */
  public String stderr() {
    return stderr;
  }

  private static String describe(String stderr) {
    return stderr.isBlank() ? "" : "\nstderr:\n" + stderr.strip();
  }
}
