package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrustPolicyTest {
  private static final char[] PW = "pw".toCharArray();
  private static final ImageRef APP = ImageRef.parse("registry.example:5000/team/app:1.0");
  private static final Digest DIGEST = Fixtures.sha256("m".getBytes(StandardCharsets.UTF_8));
  private static final String POLICY =
      """
      version: 1
      scopes:
        - match: "registry.example:5000/team/**"
          environment: dev
          require:
            - keys: [ci]
        - match: "registry.example:5000/team/**"
          environment: prod
          require:
            - keys: [ci]
              environment: dev
            - keys: [rel-a, rel-b, rel-c]
              min: 2
        - match: "registry.example:5000/*"
          environment: prod
          require:
            - keys: [rel-a]
      """;

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir static java.nio.file.Path data;
  private static TrustKeys store;
  private final MutableClock clock = new MutableClock(START);
  private final ImageSigning signing = new ImageSigning(clock);
  private List<TrustedKey> keys = new ArrayList<>();

  @BeforeAll
  static void generateKeys() throws Exception {
    store = new TrustKeys(data, Clock.fixed(START, ZoneOffset.UTC), new SecureRandom());
    gen("ci", Environment.DEV);
    gen("rel-a", Environment.PROD);
    gen("rel-b", Environment.PROD);
    gen("rel-c", Environment.PROD);
  }

  private static void gen(String name, Environment env) throws Exception {
    store.generate(name, env, KeyAlgorithm.ECDSA_P256, Duration.ofDays(30), PW, KdfStrength.LEGACY);
  }

  @BeforeEach
  void loadKeys() throws Exception {
    keys = new ArrayList<>(store.trustedKeys(Environment.DEV));
    keys.addAll(store.trustedKeys(Environment.PROD));
  }

  private TrustPolicy policy(String yaml) throws Exception {
    return TrustPolicy.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8), keys, clock);
  }

  private ImageSignature bundle(String name, Environment env, Digest digest) throws Exception {
    return signing.cosignBundle(digest, store.signer(env, name, PW));
  }

  private ImageSignature simple(String name, Environment env, ImageRef image) throws Exception {
    return signing.cosignSimpleSigning(image, DIGEST, Map.of(), store.signer(env, name, PW));
  }

  @Test
  void oneDevSignatureAdmitsToDev() throws Exception {
    List<VerifiedSignature> signers =
        policy(POLICY)
            .verify(APP, DIGEST, Environment.DEV, List.of(bundle("ci", Environment.DEV, DIGEST)));
    assertThat(signers).extracting(VerifiedSignature::keyName).containsExactly("ci");
  }

  @Test
  void prodNeedsTheDevSignatureAndTwoOfThreeReleaseKeys() throws Exception {
    List<VerifiedSignature> signers =
        policy(POLICY)
            .verify(
                APP,
                DIGEST,
                Environment.PROD,
                List.of(
                    bundle("ci", Environment.DEV, DIGEST),
                    simple("rel-a", Environment.PROD, APP),
                    bundle("rel-c", Environment.PROD, DIGEST)));
    assertThat(signers)
        .extracting(VerifiedSignature::keyName)
        .containsExactly("ci", "rel-a", "rel-c");
  }

  @Test
  void oneReleaseKeyIsBelowTheThresholdEvenWhenItSignsTwice() throws Exception {
    assertRefused(
        Environment.PROD,
        RefusalReason.POLICY_UNSATISFIED,
        bundle("ci", Environment.DEV, DIGEST),
        bundle("rel-a", Environment.PROD, DIGEST),
        simple("rel-a", Environment.PROD, APP));
  }

  @Test
  void aDevSignatureNeverSatisfiesProd() throws Exception {
    assertRefused(Environment.PROD, RefusalReason.WRONG_KEY, bundle("ci", Environment.DEV, DIGEST));
  }

  @Test
  void prodSignaturesWithoutTheDevOneAreRefused() throws Exception {
    assertRefused(
        Environment.PROD,
        RefusalReason.WRONG_KEY,
        bundle("rel-a", Environment.PROD, DIGEST),
        bundle("rel-b", Environment.PROD, DIGEST));
  }

  @Test
  void anUnsignedImageIsRefused() throws Exception {
    assertRefused(Environment.DEV, RefusalReason.NO_SIGNATURE);
  }

  @Test
  void aRevokedKeysSignatureDoesNotCount() throws Exception {
    ImageSignature ci = bundle("ci", Environment.DEV, DIGEST);
    clock.advance(Duration.ofMinutes(5));
    TrustedKey.Pkix original = (TrustedKey.Pkix) keys.getFirst();
    keys.set(
        0, new TrustedKey.Pkix(original.metadata().revoked(clock.instant()), original.publicKey()));
    assertRefused(Environment.DEV, RefusalReason.REVOKED_KEY, ci);
  }

  @Test
  void aSignatureForAnotherDigestNamesThatReason() throws Exception {
    Digest other = Fixtures.sha256("other".getBytes(StandardCharsets.UTF_8));
    assertRefused(
        Environment.DEV, RefusalReason.WRONG_DIGEST, bundle("ci", Environment.DEV, other));
  }

  @Test
  void aSignatureForAnotherRepositoryNamesThatReason() throws Exception {
    ImageRef elsewhere = ImageRef.parse("registry.example:5000/team/other:1.0");
    assertRefused(
        Environment.DEV, RefusalReason.WRONG_IDENTITY, simple("ci", Environment.DEV, elsewhere));
  }

  @Test
  void theMostSpecificScopeWinsAndAnyOneKeySatisfiesAnOrRequirement() throws Exception {
    ImageRef top = ImageRef.parse("registry.example:5000/tool:2");
    List<VerifiedSignature> signers =
        policy(POLICY)
            .verify(
                top,
                DIGEST,
                Environment.PROD,
                List.of(
                    bundle("rel-b", Environment.PROD, DIGEST),
                    bundle("rel-a", Environment.PROD, DIGEST)));
    assertThat(signers).extracting(VerifiedSignature::keyName).containsExactly("rel-a");
  }

  @Test
  void imagesOutsideEveryScopeAreRefused() throws Exception {
    TrustPolicy p = policy(POLICY);
    ImageSignature sig = bundle("rel-a", Environment.PROD, DIGEST);
    // "*" does not cross "/": registry.example:5000/a/b is in no prod scope.
    ImageRef nested = ImageRef.parse("registry.example:5000/a/b:1");
    assertThatThrownBy(() -> p.verify(nested, DIGEST, Environment.PROD, List.of(sig)))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.POLICY_UNSATISFIED));
  }

  static Stream<Arguments> badPolicies() {
    String head = "version: 1\nscopes:\n  - match: a/*\n";
    return Stream.of(
        Arguments.of("version: 2\nscopes: []", "version must be 1"),
        Arguments.of(
            head + "    environment: prod\n    require:\n      - keys: [ci]",
            "signs for dev but is listed in a prod requirement"),
        Arguments.of(
            head
                + "    environment: prod\n    require:\n      - keys: [ci]\n        environment: dev",
            "needs at least one prod requirement"),
        Arguments.of(
            head + "    environment: dev\n    require:\n      - keys: [nobody]",
            "is not a known key"),
        Arguments.of(
            head + "    environment: dev\n    require:\n      - keys: [ci]\n        min: 2",
            "must be 1 to 1"),
        Arguments.of(head + "    environment: dev\n    require: []", "requirements"),
        Arguments.of("version: 1\nversion: 1\nscopes: []", "uplicate"),
        Arguments.of(
            head + "    environment: dev\n    unknown: 1\n    require:\n      - keys: [ci]",
            "unknown"),
        Arguments.of(
            head + "    environment: staging\n    require:\n      - keys: [ci]",
            "unknown environment"),
        Arguments.of("[1, 2]", "not a valid trust policy"),
        Arguments.of("", "end-of-input"));
  }

  @ParameterizedTest
  @MethodSource("badPolicies")
  void inconsistentOrMalformedPoliciesAreRefused(String yaml, String message) {
    assertThatThrownBy(() -> policy(yaml))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy.yaml")
        .hasMessageContaining(message);
  }

  @Test
  void anAliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(prev)
          .append(", *")
          .append(prev)
          .append(", *")
          .append(prev)
          .append("]\n");
    }
    assertThatThrownBy(() -> policy(yaml.toString()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy.yaml");
  }

  @Test
  void anOversizedPolicyIsRefusedBeforeParsing() {
    String yaml = "#" + "x".repeat(PolicyFile.MAX_BYTES);
    assertThatThrownBy(() -> policy(yaml))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("larger than");
  }

  private void assertRefused(Environment env, RefusalReason reason, ImageSignature... sigs)
      throws Exception {
    TrustPolicy p = policy(POLICY);
    assertThatThrownBy(() -> p.verify(APP, DIGEST, env, List.of(sigs)))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
