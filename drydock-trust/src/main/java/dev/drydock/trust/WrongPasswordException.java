package dev.drydock.trust;

/**
 * An encrypted private key did not open with the given password: the secretbox authenticator did
 * not match. Either the password is wrong or the file was altered; both look the same by design.
 */
public final class WrongPasswordException extends KeyFileException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the key file. */
  public WrongPasswordException(String source) {
    super(
        source
            + ": the password does not open this private key (wrong password, or the file was"
            + " altered); retry with the password given when the key was generated");
  }
}
