package dev.drydock.pki;

import java.io.Serial;
import java.nio.file.Path;

/** A private key is encrypted and no passphrase was given; ask the user for one and try again. */
public final class PassphraseRequiredException extends PkiException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path file;

  PassphraseRequiredException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** {@return the encrypted key file} */
  public Path file() {
    return file;
  }
}
