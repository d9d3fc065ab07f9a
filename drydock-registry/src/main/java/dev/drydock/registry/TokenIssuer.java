package dev.drydock.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Issues Docker registry bearer tokens
 * (https://distribution.github.io/distribution/spec/auth/token/) as ES256 JWTs signed with a P-256
 * key. The header carries {@code kid} = {@link #keyId} of the public key; the claims carry the
 * requested scopes narrowed to what {@link TokenGrants} allows. A scope nothing is granted for is
 * left out rather than refused, as the token spec asks.
 */
public final class TokenIssuer {
  /** The default lifetime: short, because a token cannot be revoked before it expires. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private static final Duration MAX_LIFETIME = Duration.ofHours(1);

  private final String issuer;
  private final ECPrivateKey key;
  private final String kid;
  private final TokenGrants grants;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  /** A signed token and the claims it carries. */
  public record Issued(String token, TokenClaims claims) {}

  /**
   * Creates an issuer.
   *
   * @param issuer the {@code iss} claim, which verifiers must expect
   * @param keys a P-256 key pair
   * @param grants what each subject may do
   * @param clock source of {@code iat}
   * @param lifetime how long tokens stay valid, 1 second to 1 hour
   */
  public TokenIssuer(
      String issuer, KeyPair keys, TokenGrants grants, Clock clock, Duration lifetime) {
    if (issuer.isEmpty()) {
      throw new IllegalArgumentException("the issuer name must not be empty");
    }
    if (!(keys.getPrivate() instanceof ECPrivateKey priv)
        || !(keys.getPublic() instanceof ECPublicKey pub)
        || priv.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException("ES256 tokens need a P-256 (secp256r1) EC key pair");
    }
    if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("token lifetime " + lifetime + " is not in 1s..1h");
    }
    this.issuer = issuer;
    this.key = priv;
    this.kid = keyId(pub);
    this.grants = Objects.requireNonNull(grants);
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** Creates an issuer with the {@link #DEFAULT_LIFETIME}. */
  public TokenIssuer(String issuer, KeyPair keys, TokenGrants grants, Clock clock) {
    this(issuer, keys, grants, clock, DEFAULT_LIFETIME);
  }

  /**
   * {@return the key id of a P-256 public key}: the RFC 7638 JWK thumbprint (unpadded base64url
   * SHA-256 of the canonical JWK), 43 characters.
   */
  public static String keyId(ECPublicKey key) {
    return TokenCodec.keyId(key);
  }

  /** {@return how long issued tokens stay valid} (the token response's {@code expires_in}) */
  public Duration lifetime() {
    return lifetime;
  }

  /**
   * Issues a token for {@code subject} to use against {@code service}.
   *
   * @param subject the authenticated account, empty for anonymous
   * @param service the registry's service name, the {@code aud} claim
   * @param requested the parsed {@code scope} parameters (see {@link TokenScope#parseAll})
   */
  public Issued issue(String subject, String service, List<TokenScope> requested) {
    if (requested.size() > TokenScope.MAX_SCOPES) {
      throw new IllegalArgumentException("more than " + TokenScope.MAX_SCOPES + " scopes");
    }
    List<TokenScope> access = new ArrayList<>();
    for (TokenScope scope : requested) {
      TokenScope granted = scope.retain(grants.allowedActions(subject, scope));
      if (granted != null) {
        access.add(granted);
      }
    }
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    byte[] id = new byte[16];
    random.nextBytes(id);
    TokenClaims claims =
        new TokenClaims(
            issuer,
            subject,
            List.of(service),
            now.plus(lifetime),
            now,
            now,
            TokenCodec.base64(id),
            access);
    String signingInput =
        TokenCodec.base64(TokenCodec.encodeHeader(kid))
            + "."
            + TokenCodec.base64(TokenCodec.encodeClaims(claims));
    return new Issued(signingInput + "." + TokenCodec.base64(sign(signingInput)), claims);
  }

  private byte[] sign(String signingInput) {
    try {
      // P1363 format is JWS's fixed-width R||S (RFC 7518 section 3.4), not DER.
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(key, random);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the token key", e);
    }
  }
}
