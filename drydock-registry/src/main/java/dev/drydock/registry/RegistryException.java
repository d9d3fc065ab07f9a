package dev.drydock.registry;

/**
 * The registry's checked root: storage that cannot be read or written, a server that cannot start.
 * The message names the file, address or object involved and what to do.
 */
public class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the input and the remedy. */
  public RegistryException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
