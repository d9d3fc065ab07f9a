package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the bearer token parser: any string either parses into self-validating parts or is refused
 * with a {@link TokenException}, never anything else; and the verifier never accepts an input the
 * fuzzer made, since it cannot sign with this run's fresh key.
 */
class TokenParserFuzzTest {
  private static final KeyPair KEYS = TokenTest.newKey();
  private static final TokenVerifier VERIFIER =
      new TokenVerifier(
          "drydock-token",
          List.of((ECPublicKey) KEYS.getPublic()),
          Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String token = data.consumeRemainingAsString();
    try {
      TokenCodec.Jws jws = TokenCodec.split(token);
      assertThat(jws.header.isObject()).isTrue();
      TokenClaims claims = TokenCodec.claims(jws.payload);
      assertThat(claims.expiresAt()).isAfter(claims.notBefore());
      // What parses must re-encode and parse to the same claims (one codec, both directions).
      assertThat(TokenCodec.claims(TokenCodec.encodeClaims(claims))).isEqualTo(claims);
    } catch (TokenException expected) {
      assertThat(expected.reason()).isEqualTo(TokenException.Reason.MALFORMED);
    }
    try {
      VERIFIER.verify(token, "registry.test");
      fail("accepted a token the fuzzer made: %s", token);
    } catch (TokenException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      TokenScope.parseAll(
          List.of(new String(token.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
    } catch (TokenException expected) {
      assertThat(expected.reason()).isEqualTo(TokenException.Reason.MALFORMED);
    }
  }
}
