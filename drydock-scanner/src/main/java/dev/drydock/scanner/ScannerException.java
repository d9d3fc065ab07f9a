package dev.drydock.scanner;

import java.io.Serial;

/**
 * The checked root of everything the scanner cannot do because of its inputs or peers: a malformed
 * advisory, an unreadable or corrupt vulnerability database, a download that failed or went over a
 * limit. Each subclass names the input and says what to do.
 */
public class ScannerException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the input and the remedy. */
  public ScannerException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ScannerException(String message, Throwable cause) {
    super(message, cause);
  }
}
