package dev.drydock.pki;

import java.io.Serial;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A file is not the PEM it should be: garbage, truncated, empty or holding the wrong type. */
public final class InvalidPemException extends PkiException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path file;

  InvalidPemException(Path file, String problem, @Nullable Throwable cause) {
    super("Tried to read " + file + " but failed because: " + problem + ".", cause);
    this.file = file;
  }

  /** {@return the file that could not be read} */
  public Path file() {
    return file;
  }
}
