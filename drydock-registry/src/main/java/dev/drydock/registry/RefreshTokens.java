package dev.drydock.registry;

import dev.drydock.registry.SecurityStore.Account;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * OAuth2 refresh tokens for {@code docker login}'s identity token: ES256 JWTs signed with the token
 * key, but with the audience {@code <service>#refresh}, so a refresh token is never accepted as an
 * access token and an access token is never accepted as a refresh token. They carry no access; the
 * account's rights are looked up at every refresh. Each is bound to its account and to the
 * account's current secret: the {@code jti} ends with a fingerprint of the secret hash, so changing
 * the password revokes every refresh token issued before. Disabled, expired and deleted accounts
 * are refused at refresh. Lifetime: fixed at issue (default 24 hours) and never extended by a
 * refresh.
 */
final class RefreshTokens {
  static final String AUDIENCE_SUFFIX = "#refresh";
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

  private final String issuer;
  private final String service;
  private final KeyPair keys;
  private final String kid;
  private final TokenVerifier verifier;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  RefreshTokens(
      String issuer,
      String service,
      KeyPair keys,
      TokenVerifier verifier,
      Clock clock,
      Duration lifetime) {
    this.issuer = issuer;
    this.service = service;
    this.keys = keys;
    this.kid = TokenCodec.keyId((ECPublicKey) keys.getPublic());
    this.verifier = verifier;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** {@return a refresh token for {@code account}} */
  String issue(Account account) {
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    byte[] id = new byte[16];
    random.nextBytes(id);
    TokenClaims claims =
        new TokenClaims(
            issuer,
            account.name(),
            List.of(service + AUDIENCE_SUFFIX),
            now.plus(lifetime),
            now,
            now,
            TokenCodec.base64(id) + "." + fingerprint(account.secretHash()),
            List.of());
    String input =
        TokenCodec.base64(TokenCodec.encodeHeader(kid))
            + "."
            + TokenCodec.base64(TokenCodec.encodeClaims(claims));
    try {
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(keys.getPrivate(), random);
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + TokenCodec.base64(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the token key", e);
    }
  }

  /**
   * {@return the account name a refresh token was issued to}, after checking signature, issuer,
   * audience and expiry.
   */
  TokenClaims verify(String token) throws TokenException {
    return verifier.verify(token, service + AUDIENCE_SUFFIX);
  }

  /** {@return whether the token was issued against the account's current secret} */
  static boolean boundTo(TokenClaims claims, Account account) {
    String jti = claims.jwtId();
    int dot = jti.lastIndexOf('.');
    return dot >= 0
        && MessageDigest.isEqual(
            jti.substring(dot + 1).getBytes(StandardCharsets.US_ASCII),
            fingerprint(account.secretHash()).getBytes(StandardCharsets.US_ASCII));
  }

  private static String fingerprint(String secretHash) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("drydock-refresh\u0000" + secretHash).getBytes(StandardCharsets.UTF_8));
      return TokenCodec.base64(Arrays.copyOf(digest, 12));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
