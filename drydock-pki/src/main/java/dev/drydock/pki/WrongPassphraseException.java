package dev.drydock.pki;

import java.io.Serial;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A passphrase did not decrypt a private key; ask the user again. */
public final class WrongPassphraseException extends PkiException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path file;

  WrongPassphraseException(Path file, @Nullable Throwable cause) {
    super("The passphrase does not decrypt the private key in " + file + ". Try again.", cause);
    this.file = file;
  }

  /** {@return the encrypted key file} */
  public Path file() {
    return file;
  }
}
