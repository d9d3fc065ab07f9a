package dev.drydock.scanner;

import java.io.Serial;

/**
 * The local vulnerability database, or a source being imported into it, could not be used: the
 * index is missing, corrupt or of another format version, another import holds the lock, a download
 * failed, or an archive went over a safety limit. The message names the file or URL and what to do
 * (usually: run {@code drydock db update}).
 */
public final class VulnDbException extends ScannerException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the input and the remedy. */
  public VulnDbException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public VulnDbException(String message, Throwable cause) {
    super(message, cause);
  }
}
