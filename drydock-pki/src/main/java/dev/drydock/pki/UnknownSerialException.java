package dev.drydock.pki;

import java.io.Serial;
import java.nio.file.Path;

/** No certificate with a given serial number was issued by a CA; check the serial with list. */
public final class UnknownSerialException extends PkiException {
  @Serial private static final long serialVersionUID = 1L;

  private final SerialNumber serial;

  UnknownSerialException(SerialNumber serial, Path directory) {
    super(
        "The CA in "
            + directory
            + " issued no certificate with serial "
            + serial
            + "; list the issued certificates to find the right serial.");
    this.serial = serial;
  }

  /** {@return the serial number that was not found} */
  public SerialNumber serial() {
    return serial;
  }
}
