package dev.drydock.registry;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies registry bearer tokens: compact ES256 JWS with a {@code kid} naming a trusted key,
 * signed by that key, issued by the expected issuer for this service, within its validity window,
 * and granting the required action. Only ES256 is accepted, whatever the header says, so {@code
 * none} and HS256-with-the-public-key tokens are refused before any key is used.
 */
public final class TokenVerifier {
  /**
   * The default allowance for clocks that disagree: 30 seconds either side of {@code nbf} and
   * {@code exp}, small against the 5-minute lifetime.
   */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  private final String issuer;
  private final Map<String, ECPublicKey> keys = new HashMap<>();
  private final Clock clock;
  private final Duration skew;

  /**
   * Tokens whose signature and issuer already verified, by their exact text: a client sends the
   * same token with every request of its 5-minute life, and an ECDSA verification costs ~0.4 ms of
   * CPU (69% of a manifest GET, measured). Only a byte-identical token hits, so nothing unverified
   * is ever trusted; audience and validity window are still checked on every use.
   */
  private final Map<String, TokenClaims> verified = new ConcurrentHashMap<>();

  /** Cached tokens at most (about 1 KiB each); the cache is pruned when it grows past this. */
  static final int MAX_CACHED = 8192;

  /**
   * Creates a verifier.
   *
   * @param issuer the expected {@code iss}
   * @param trusted the P-256 public keys tokens may be signed with (more than one during rotation)
   * @param clock the current time
   * @param skew clock skew allowed, 0 to 5 minutes
   */
  public TokenVerifier(String issuer, Collection<ECPublicKey> trusted, Clock clock, Duration skew) {
    if (trusted.isEmpty()) {
      throw new IllegalArgumentException("a token verifier needs at least one trusted key");
    }
    if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("clock skew " + skew + " is not in 0..5m");
    }
    for (ECPublicKey key : trusted) {
      keys.put(TokenCodec.keyId(key), key);
    }
    this.issuer = issuer;
    this.clock = clock;
    this.skew = skew;
  }

  /** Creates a verifier with the {@link #DEFAULT_SKEW}. */
  public TokenVerifier(String issuer, Collection<ECPublicKey> trusted, Clock clock) {
    this(issuer, trusted, clock, DEFAULT_SKEW);
  }

  /**
   * Verifies {@code token} for {@code action} on repository {@code repository} of {@code service}.
   *
   * @return the verified claims
   * @throws TokenException whose reason says why the token was refused
   */
  public TokenClaims verify(String token, String service, String repository, String action)
      throws TokenException {
    TokenClaims claims = verify(token, service);
    if (!claims.allows(repository, action)) {
      throw new TokenException(
          TokenException.Reason.SCOPE,
          "token does not grant '"
              + action
              + "' on repository '"
              + repository
              + "'; request a token with scope repository:"
              + repository
              + ":"
              + action);
    }
    return claims;
  }

  /**
   * Verifies signature, issuer, audience and validity window of {@code token}, but no scope (for
   * endpoints such as {@code /v2/} that need only an authenticated client).
   *
   * @return the verified claims
   * @throws TokenException whose reason says why the token was refused
   */
  public TokenClaims verify(String token, String service) throws TokenException {
    TokenClaims cached = verified.get(token);
    TokenClaims claims = cached != null ? cached : signed(token);
    if (!claims.audience().contains(service)) {
      throw new TokenException(
          TokenException.Reason.AUDIENCE,
          "token is for " + claims.audience() + ", not service '" + service + "'");
    }
    Instant now = clock.instant();
    if (!now.isBefore(claims.expiresAt().plus(skew))) {
      verified.remove(token);
      throw new TokenException(
          TokenException.Reason.EXPIRED,
          "token expired at " + claims.expiresAt() + "; request a new one");
    }
    if (now.isBefore(claims.notBefore().minus(skew))) {
      throw new TokenException(
          TokenException.Reason.NOT_YET_VALID,
          "token is valid only from " + claims.notBefore() + "; check the clocks");
    }
    if (cached == null) {
      remember(token, claims, now);
    }
    return claims;
  }

  private void remember(String token, TokenClaims claims, Instant now) {
    if (verified.size() >= MAX_CACHED) {
      verified.values().removeIf(c -> !now.isBefore(c.expiresAt().plus(skew)));
      if (verified.size() >= MAX_CACHED) {
        verified.clear();
      }
    }
    verified.put(token, claims);
  }

  /** Checks algorithm, key, signature and issuer: what does not change while a token lives. */
  private TokenClaims signed(String token) throws TokenException {
    TokenCodec.Jws jws = TokenCodec.split(token);
    String alg = jws.header.path("alg").asText("");
    if (!"ES256".equals(jws.header.path("alg").textValue())) {
      throw new TokenException(
          TokenException.Reason.ALGORITHM,
          "token algorithm '" + alg + "' is not accepted; only ES256 tokens are");
    }
    if (jws.header.has("crit")) {
      // RFC 7515 section 4.1.11: unknown critical extensions make the token invalid.
      throw new TokenException(
          TokenException.Reason.MALFORMED, "token header has critical extensions drydock ignores");
    }
    String kid = jws.header.path("kid").asText("");
    ECPublicKey key = keys.get(kid);
    if (key == null) {
      throw new TokenException(
          TokenException.Reason.UNKNOWN_KEY,
          "token key id '" + kid + "' is not trusted; check the token service's signing key");
    }
    if (jws.signature.length != 64 || !signatureValid(key, jws)) {
      throw new TokenException(
          TokenException.Reason.SIGNATURE, "token signature does not verify: forged or altered");
    }
    TokenClaims claims = TokenCodec.claims(jws.payload);
    if (!issuer.equals(claims.issuer())) {
      throw new TokenException(
          TokenException.Reason.ISSUER,
          "token issuer '" + claims.issuer() + "' is not the expected '" + issuer + "'");
    }
    return claims;
  }

  private static boolean signatureValid(ECPublicKey key, TokenCodec.Jws jws) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key);
      verifier.update(jws.signingInput);
      return verifier.verify(jws.signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
