package dev.drydock.oci;

import java.io.Serial;

/**
 * An archive or layer was refused because reading or extracting it would be unsafe: path traversal,
 * absolute paths, links escaping the root, device files, or sizes past the limits. Nothing was
 * written outside the work area.
 */
public final class UnsafeArchiveException extends OciException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the archive, the entry and the rule broken. */
  public UnsafeArchiveException(String message) {
    super(message);
  }
}
