package dev.drydock.pki;

import java.io.Serial;
import java.nio.file.Path;

/**
 * A CA already exists where a new one was to be created; open it instead, or choose another
 * directory.
 */
public final class CaAlreadyExistsException extends PkiException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path directory;

  CaAlreadyExistsException(Path directory, String message) {
    super(message);
    this.directory = directory;
  }

  /** {@return the directory that already holds a CA} */
  public Path directory() {
    return directory;
  }
}
