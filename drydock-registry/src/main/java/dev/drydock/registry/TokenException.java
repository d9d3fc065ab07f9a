package dev.drydock.registry;

/**
 * A registry bearer token (or a scope string) that was refused. The reason is a closed set so the
 * token endpoint and the authorization check can map it to a status and a {@code WWW-Authenticate}
 * error without parsing the message; the message names what was wrong and what to do.
 */
public final class TokenException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /** Why the token or scope was refused. */
  public enum Reason {
    /** Not a compact JWS, too large, bad base64url, bad or duplicate-keyed JSON, or bad scope. */
    MALFORMED,
    /** The header names an algorithm other than ES256 (including {@code none} and HS256). */
    ALGORITHM,
    /** The header's {@code kid} names no trusted key. */
    UNKNOWN_KEY,
    /** The signature does not verify: forged or altered. */
    SIGNATURE,
    /** The token expired (beyond the allowed clock skew). */
    EXPIRED,
    /** The token is not valid yet (beyond the allowed clock skew). */
    NOT_YET_VALID,
    /** The token was issued for another service. */
    AUDIENCE,
    /** The token was issued by another issuer. */
    ISSUER,
    /** The token's access claim does not cover the requested action. */
    SCOPE
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the token was refused
   * @param message names the input and what to do
   */
  public TokenException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** {@return why the token was refused} */
  public Reason reason() {
    return reason;
  }
}
