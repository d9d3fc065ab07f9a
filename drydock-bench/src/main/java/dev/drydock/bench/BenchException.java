package dev.drydock.bench;

/**
 * A fact the audit needs could not be collected: the daemon could not be asked, a host file could
 * not be read or parsed. The message names the input and says what to do.
 */
public class BenchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the input. */
  public BenchException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
