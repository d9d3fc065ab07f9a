package dev.drydock.registry;

import java.time.Instant;
import java.util.List;

/**
 * The claims of a Docker registry bearer token
 * (https://distribution.github.io/distribution/spec/auth/jwt/). drydock issues and accepts only
 * tokens that carry all of them; times have whole-second precision as JWT NumericDate does.
 *
 * @param issuer {@code iss}: the token service
 * @param subject {@code sub}: the account the token was issued to (empty for anonymous)
 * @param audience {@code aud}: the registry service names the token is valid for; never empty
 * @param expiresAt {@code exp}
 * @param notBefore {@code nbf}
 * @param issuedAt {@code iat}
 * @param jwtId {@code jti}: unique per token
 * @param access {@code access}: the granted resource scopes, possibly empty
 */
public record TokenClaims(
    String issuer,
    String subject,
    List<String> audience,
    Instant expiresAt,
    Instant notBefore,
    Instant issuedAt,
    String jwtId,
    List<TokenScope> access) {

  /** Validates the claims and copies the lists. */
  public TokenClaims {
    if (issuer.isEmpty() || audience.isEmpty() || jwtId.isEmpty()) {
      throw new IllegalArgumentException("iss, aud and jti must not be empty");
    }
    if (audience.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("an audience must not be empty");
    }
    if (!expiresAt.isAfter(notBefore)) {
      throw new IllegalArgumentException("exp must be after nbf");
    }
    audience = List.copyOf(audience);
    access = List.copyOf(access);
  }

  /** {@return whether the access claim grants {@code action} on repository {@code name}} */
  public boolean allows(String name, String action) {
    return access.stream().anyMatch(s -> s.covers("repository", name, action));
  }
}
