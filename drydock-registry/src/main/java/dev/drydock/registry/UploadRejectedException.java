package dev.drydock.registry;

/**
 * An upload the storage refused: a chunk out of order, content that does not hash to the digest the
 * client named, more bytes than allowed, a session that no longer exists, or too many open
 * sessions.
 */
public final class UploadRejectedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /** Why the upload was refused. */
  public enum Reason {
    /** The chunk does not start where the session ends. */
    RANGE,
    /** The content does not hash to the named digest. */
    DIGEST,
    /** The content is larger than allowed. */
    SIZE,
    /** The session does not exist. */
    UNKNOWN,
    /** Too many sessions are open; a new one may start once others finish or expire. */
    TOO_MANY
  }

  private final Reason reason;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param offset the session's length when refused (for RANGE, what the client must resume at)
   * @param message names the session and what to do
   */
  public UploadRejectedException(Reason reason, long offset, String message) {
    super(message);
    this.reason = reason;
    this.offset = offset;
  }

  /** {@return why the upload was refused} */
  public Reason reason() {
    return reason;
  }

  /** {@return the session's length when it was refused} */
  public long offset() {
    return offset;
  }
}
