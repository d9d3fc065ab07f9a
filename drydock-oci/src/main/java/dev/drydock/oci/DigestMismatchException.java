package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.Serial;

/** Content did not hash to the digest that names it: the blob is corrupt or was tampered with. */
public final class DigestMismatchException extends OciException {
  @Serial private static final long serialVersionUID = 1L;

  private final String blob;
  private final Digest expected;
  private final Digest actual;

  /**
   * Creates the exception.
   *
   * @param blob what was read, e.g. {@code layer 2 of archive.tar}
   * @param expected the digest the manifest, config or file name promised
   * @param actual the digest of the bytes read
   */
  public DigestMismatchException(String blob, Digest expected, Digest actual) {
    super(
        "Digest mismatch for "
            + blob
            + ": expected "
            + expected
            + " but the content hashes to "
            + actual
            + ". The content is corrupt or was tampered with; fetch or export it again.");
    this.blob = blob;
    this.expected = expected;
    this.actual = actual;
  }

  /** {@return what was read} */
  public String blob() {
    return blob;
  }

  /** {@return the promised digest} */
  public Digest expected() {
    return expected;
  }

  /** {@return the digest of the bytes read} */
  public Digest actual() {
    return actual;
  }
}
