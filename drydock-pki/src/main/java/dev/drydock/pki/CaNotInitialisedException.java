package dev.drydock.pki;

import java.io.Serial;
import java.nio.file.Path;

/** No complete CA exists in a directory; initialise one first. */
public final class CaNotInitialisedException extends PkiException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path directory;

  CaNotInitialisedException(Path directory, String message) {
    super(message);
    this.directory = directory;
  }

  /** {@return the directory that holds no complete CA} */
  public Path directory() {
    return directory;
  }
}
