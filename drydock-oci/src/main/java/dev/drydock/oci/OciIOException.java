package dev.drydock.oci;

import java.io.IOException;
import java.io.Serial;

/**
 * Carries an {@link OciException} (a digest mismatch, a limit) out of an {@link
 * java.io.InputStream} method, which may only throw {@link IOException}. Readers of drydock's
 * streams unwrap it with {@link #unwrap(IOException, String)}.
 */
final class OciIOException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  private final OciException oci;

  OciIOException(OciException cause) {
    super(cause.getMessage(), cause);
    this.oci = cause;
  }

  OciException oci() {
    return oci;
  }

  /** {@return the carried OciException, or an OciException naming the I/O failure} */
  static OciException unwrap(IOException e, String doing) {
    if (e instanceof OciIOException wrapped) {
      return wrapped.oci();
    }
    return new OciException(doing + " failed: " + e, e);
  }
}
