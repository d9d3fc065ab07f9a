package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TokenTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final String ISS = "drydock-token";
  private static final String SVC = "registry.test";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final KeyPair keys = newKey();
  private final MutableClock clock = new MutableClock(T0);
  private final TokenGrants aliceOwnsAppPullsAll =
      (subject, scope) ->
          "alice".equals(subject) && "team/app".equals(scope.name())
              ? Set.of("pull", "push", "delete")
              : "alice".equals(subject) ? Set.of("pull") : Set.of();
  private final TokenIssuer issuer = new TokenIssuer(ISS, keys, aliceOwnsAppPullsAll, clock);
  private final TokenVerifier verifier =
      new TokenVerifier(ISS, List.of((ECPublicKey) keys.getPublic()), clock);

  static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String es256(String header, String payload, PrivateKey key)
      throws GeneralSecurityException {
    String input =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
    s.initSign(key);
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(s.sign());
  }

  private String kid() {
    return TokenIssuer.keyId((ECPublicKey) keys.getPublic());
  }

  private String header() {
    return "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + kid() + "\"}";
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private String pullToken(String repo) throws TokenException {
    return issuer
        .issue("alice", SVC, TokenScope.parseAll(List.of("repository:" + repo + ":pull")))
        .token();
  }

  private static void refused(ThrowingCallable call, TokenException.Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void roundTripCarriesClaimsAndHeader() throws Exception {
    TokenIssuer.Issued issued =
        issuer.issue(
            "alice", SVC, TokenScope.parseAll(List.of("repository:team/app:pull,push,delete")));
    TokenClaims claims = verifier.verify(issued.token(), SVC, "team/app", "push");
    assertThat(claims).isEqualTo(issued.claims());
    assertThat(claims.issuer()).isEqualTo(ISS);
    assertThat(claims.subject()).isEqualTo("alice");
    assertThat(claims.audience()).containsExactly(SVC);
    assertThat(claims.issuedAt()).isEqualTo(T0);
    assertThat(claims.notBefore()).isEqualTo(T0);
    assertThat(claims.expiresAt()).isEqualTo(T0.plus(TokenIssuer.DEFAULT_LIFETIME));
    assertThat(claims.access())
        .containsExactly(
            new TokenScope("repository", "team/app", List.of("pull", "push", "delete")));
    String[] parts = issued.token().split("\\.", -1);
    assertThat(decode(parts[0])).contains("\"alg\":\"ES256\"", "\"typ\":\"JWT\"", kid());
    assertThat(decode(parts[1]))
        .contains(
            "\"access\":[{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\",\"push\",\"delete\"]}]",
            "\"aud\":\"" + SVC + "\"");
    assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
    assertThat(verifier.verify(issued.token(), SVC)).isEqualTo(claims);
  }

  @Test
  void tokensHaveDistinctIdsAndKeyIdIsAThumbprint() throws Exception {
    TokenIssuer.Issued a = issuer.issue("alice", SVC, List.of());
    TokenIssuer.Issued b = issuer.issue("alice", SVC, List.of());
    assertThat(a.claims().jwtId()).isNotEqualTo(b.claims().jwtId());
    assertThat(a.claims().access()).isEmpty();
    assertThat(kid()).hasSize(43).isEqualTo(TokenIssuer.keyId((ECPublicKey) keys.getPublic()));
    assertThat(TokenIssuer.keyId((ECPublicKey) newKey().getPublic())).isNotEqualTo(kid());
  }

  @Test
  void grantsAreIntersectedWithTheRequest() throws Exception {
    TokenIssuer.Issued issued =
        issuer.issue(
            "alice",
            SVC,
            TokenScope.parseAll(
                List.of("repository:team/app:pull", "repository:other/app:pull,push")));
    assertThat(issued.claims().access())
        .containsExactly(
            new TokenScope("repository", "team/app", List.of("pull")),
            new TokenScope("repository", "other/app", List.of("pull")));
    TokenIssuer.Issued anonymous =
        issuer.issue("", SVC, TokenScope.parseAll(List.of("repository:team/app:pull")));
    assertThat(anonymous.claims().access()).isEmpty();
    refused(
        () -> verifier.verify(anonymous.token(), SVC, "team/app", "pull"),
        TokenException.Reason.SCOPE);
  }

  @Test
  void parsesScopes() throws Exception {
    assertThat(TokenScope.parse("repository:library/busybox:pull,push"))
        .isEqualTo(new TokenScope("repository", "library/busybox", List.of("pull", "push")));
    assertThat(TokenScope.parse("registry:catalog:*").actions()).containsExactly("*");
    assertThat(TokenScope.parse("repository:a:pull,pull").actions()).containsExactly("pull");
    assertThat(
            TokenScope.parseAll(
                List.of("repository:a:pull repository:b:push", "repository:a:push")))
        .containsExactly(
            new TokenScope("repository", "a", List.of("pull", "push")),
            new TokenScope("repository", "b", List.of("push")));
    assertThat(TokenScope.parse("repository:a/b:pull,push").toString())
        .isEqualTo("repository:a/b:pull,push");
  }

  @Test
  void refusesMalformedScopes() {
    for (String bad :
        List.of(
            "",
            "repository",
            "repository:a",
            "repository:a:",
            "repository:a:pull,",
            "repository:a:,pull",
            "repository::pull",
            ":a:pull",
            "repository:UPPER:pull",
            "repository:a b:pull",
            "repository:a:PULL",
            "repository:a:pull,,push",
            "repo$:a:pull")) {
      refused(() -> TokenScope.parse(bad), TokenException.Reason.MALFORMED);
    }
    List<String> many =
        java.util.Collections.nCopies(TokenScope.MAX_SCOPES + 1, "repository:a:pull");
    refused(() -> TokenScope.parseAll(many), TokenException.Reason.MALFORMED);
    List<String> merged = List.of("repository:a:a,b,c,d,e", "repository:a:f,g,h", "repository:a:i");
    refused(() -> TokenScope.parseAll(merged), TokenException.Reason.MALFORMED);
  }

  @Test
  void refusesForgedSignature() throws Exception {
    String token = pullToken("team/app");
    String input = token.substring(0, token.lastIndexOf('.'));
    String[] p = input.split("\\.", -1);
    String forged = es256(decode(p[0]), decode(p[1]), newKey().getPrivate());
    refused(
        () -> verifier.verify(forged, SVC, "team/app", "pull"), TokenException.Reason.SIGNATURE);
    String altered =
        p[0]
            + "."
            + B64.encodeToString(
                decode(p[1]).replace("\"pull\"", "\"push\"").getBytes(StandardCharsets.UTF_8))
            + token.substring(token.lastIndexOf('.'));
    refused(
        () -> verifier.verify(altered, SVC, "team/app", "push"), TokenException.Reason.SIGNATURE);
    String shortSig = input + "." + B64.encodeToString(new byte[63]);
    refused(() -> verifier.verify(shortSig, SVC), TokenException.Reason.SIGNATURE);
  }

  @Test
  void refusesUnknownKeyId() throws Exception {
    TokenVerifier other =
        new TokenVerifier(ISS, List.of((ECPublicKey) newKey().getPublic()), clock);
    refused(() -> other.verify(pullToken("team/app"), SVC), TokenException.Reason.UNKNOWN_KEY);
  }

  @Test
  void refusesAlgorithmNone() throws Exception {
    String payload = decode(pullToken("team/app").split("\\.", -1)[1]);
    String none =
        B64.encodeToString(
                ("{\"alg\":\"none\",\"kid\":\"" + kid() + "\"}").getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + ".";
    refused(() -> verifier.verify(none, SVC), TokenException.Reason.ALGORITHM);
  }

  @Test
  void refusesHs256WithThePublicKeyAsSecret() throws Exception {
    String payload = decode(pullToken("team/app").split("\\.", -1)[1]);
    String input =
        B64.encodeToString(
                ("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid() + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
    String hs =
        input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    refused(() -> verifier.verify(hs, SVC), TokenException.Reason.ALGORITHM);
  }

  @Test
  void refusesExpiredTokenBeyondSkew() throws Exception {
    String token = pullToken("team/app");
    clock.advance(TokenIssuer.DEFAULT_LIFETIME.plus(TokenVerifier.DEFAULT_SKEW).minusSeconds(1));
    assertThat(verifier.verify(token, SVC, "team/app", "pull").subject()).isEqualTo("alice");
    clock.advance(Duration.ofSeconds(1));
    refused(() -> verifier.verify(token, SVC, "team/app", "pull"), TokenException.Reason.EXPIRED);
  }

  @Test
  void aVerifiedTokenIsRememberedButStillCheckedOnEveryUse() throws Exception {
    String token = pullToken("team/app");
    assertThat(verifier.verify(token, SVC).subject()).isEqualTo("alice");
    // The second use hits the cache: audience and expiry are still judged each time.
    refused(() -> verifier.verify(token, "another-registry"), TokenException.Reason.AUDIENCE);
    assertThat(verifier.verify(token, SVC, "team/app", "pull").subject()).isEqualTo("alice");
    refused(() -> verifier.verify(token, SVC, "team/app", "push"), TokenException.Reason.SCOPE);
    // Only the byte-identical token hits: a changed signature is verified, and refused.
    String[] parts = token.split("\\.", -1);
    char last = parts[2].charAt(0);
    String altered =
        parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
    refused(() -> verifier.verify(altered, SVC), TokenException.Reason.SIGNATURE);
    clock.advance(TokenIssuer.DEFAULT_LIFETIME.plus(TokenVerifier.DEFAULT_SKEW));
    refused(() -> verifier.verify(token, SVC), TokenException.Reason.EXPIRED);
  }

  @Test
  void refusesTokenNotYetValidBeyondSkew() throws Exception {
    String token = pullToken("team/app");
    MutableClock early = new MutableClock(T0.minus(TokenVerifier.DEFAULT_SKEW));
    TokenVerifier lagging = new TokenVerifier(ISS, List.of((ECPublicKey) keys.getPublic()), early);
    assertThat(lagging.verify(token, SVC).issuer()).isEqualTo(ISS);
    TokenVerifier behind =
        new TokenVerifier(
            ISS,
            List.of((ECPublicKey) keys.getPublic()),
            Clock.fixed(T0.minus(TokenVerifier.DEFAULT_SKEW).minusSeconds(1), ZoneOffset.UTC));
    refused(() -> behind.verify(token, SVC), TokenException.Reason.NOT_YET_VALID);
  }

  @Test
  void refusesWrongAudience() throws Exception {
    refused(
        () -> verifier.verify(pullToken("team/app"), "other.service"),
        TokenException.Reason.AUDIENCE);
  }

  @Test
  void refusesWrongIssuer() throws Exception {
    TokenVerifier other =
        new TokenVerifier("someone-else", List.of((ECPublicKey) keys.getPublic()), clock);
    refused(() -> other.verify(pullToken("team/app"), SVC), TokenException.Reason.ISSUER);
  }

  @Test
  void refusesScopeNotCoveringTheAction() throws Exception {
    String token = pullToken("team/app");
    refused(() -> verifier.verify(token, SVC, "team/app", "push"), TokenException.Reason.SCOPE);
    refused(() -> verifier.verify(token, SVC, "team/other", "pull"), TokenException.Reason.SCOPE);
  }

  @Test
  void refusesMalformedTokens() throws Exception {
    String token = pullToken("team/app");
    String[] p = token.split("\\.", -1);
    for (String bad :
        List.of(
            "",
            "abc",
            p[0] + "." + p[1],
            token + ".x",
            p[0] + "=." + p[1] + "." + p[2],
            p[0] + ".!!." + p[2],
            "." + p[1] + "." + p[2],
            B64.encodeToString("[1]".getBytes(StandardCharsets.UTF_8)) + "." + p[1] + "." + p[2],
            B64.encodeToString("{".getBytes(StandardCharsets.UTF_8)) + "." + p[1] + "." + p[2],
            "a".repeat(TokenCodec.MAX_TOKEN_CHARS + 1))) {
      refused(() -> verifier.verify(bad, SVC), TokenException.Reason.MALFORMED);
    }
  }

  @Test
  void refusesBadClaimsEvenWhenSigned() throws Exception {
    String ok =
        "\"iss\":\""
            + ISS
            + "\",\"aud\":\""
            + SVC
            + "\",\"exp\":"
            + (T0.getEpochSecond() + 60)
            + ",\"nbf\":"
            + T0.getEpochSecond()
            + ",\"iat\":"
            + T0.getEpochSecond()
            + ",\"jti\":\"j\",\"access\":[]";
    assertThat(
            verifier
                .verify(es256(header(), "{\"sub\":\"a\"," + ok + "}", keys.getPrivate()), SVC)
                .subject())
        .isEqualTo("a");
    for (String payload :
        List.of(
            "{\"sub\":\"a\",\"sub\":\"b\"," + ok + "}",
            "{\"sub\":1," + ok + "}",
            "{" + ok + "}",
            "{\"sub\":\"a\"," + ok + "} {}",
            "{\"sub\":\"a\"," + ok.replace("\"exp\":", "\"exp\":1.5,\"x\":") + "}",
            "{\"sub\":\"a\","
                + ok.replace(
                    "[]", "[{\"type\":\"repository\",\"name\":\"A\",\"actions\":[\"pull\"]}]")
                + "}",
            "{\"sub\":\"a\","
                + ok.replace("[]", "[{\"type\":\"repository\",\"name\":\"a\"}]")
                + "}",
            "not json")) {
      String token = es256(header(), payload, keys.getPrivate());
      refused(() -> verifier.verify(token, SVC), TokenException.Reason.MALFORMED);
    }
    String dupHeader = "{\"alg\":\"ES256\",\"alg\":\"ES256\",\"kid\":\"" + kid() + "\"}";
    refused(
        () ->
            verifier.verify(es256(dupHeader, "{\"sub\":\"a\"," + ok + "}", keys.getPrivate()), SVC),
        TokenException.Reason.MALFORMED);
    String crit = "{\"alg\":\"ES256\",\"crit\":[\"x\"],\"kid\":\"" + kid() + "\"}";
    refused(
        () -> verifier.verify(es256(crit, "{\"sub\":\"a\"," + ok + "}", keys.getPrivate()), SVC),
        TokenException.Reason.MALFORMED);
  }

  @Test
  void refusesBadConfiguration() {
    KeyPair k = keys;
    assertThatThrownBy(() -> new TokenIssuer("", k, TokenGrants.NONE, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenIssuer(ISS, k, TokenGrants.NONE, clock, Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenVerifier(ISS, List.of(), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TokenVerifier(
                    ISS, List.of((ECPublicKey) k.getPublic()), clock, Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new TokenIssuer(ISS, k, TokenGrants.NONE, clock, Duration.ofMinutes(1)).lifetime())
        .isEqualTo(Duration.ofMinutes(1));
  }
}
