package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Sign-then-verify for every format and key type, and each refusal reason. */
class ImageSigningTest {
  private static final char[] PW = "pw".toCharArray();
  static final ImageRef IMAGE = ImageRef.parse("registry.example:5000/team/app:1.0");
  static final Digest DIGEST = Fixtures.sha256("manifest".getBytes(StandardCharsets.UTF_8));
  private static final Digest OTHER = Fixtures.sha256("other".getBytes(StandardCharsets.UTF_8));

  @TempDir java.nio.file.Path data;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private TrustKeys keys;
  private ImageSigning signing;

  @BeforeEach
  void setUp() {
    keys = new TrustKeys(data, clock, new SecureRandom());
    signing = new ImageSigning(clock);
  }

  private Signer key(String name, KeyAlgorithm algorithm, Environment env) throws Exception {
    keys.generate(name, env, algorithm, Duration.ofDays(30), PW, KdfStrength.LEGACY);
    return keys.signer(env, name, PW);
  }

  private ImageSignature sign(SignatureFormat format, Signer signer, Digest digest)
      throws TrustException {
    return switch (format) {
      case COSIGN_BUNDLE -> signing.cosignBundle(digest, signer);
      case COSIGN_SIMPLE_SIGNING -> signing.cosignSimpleSigning(IMAGE, digest, Map.of(), signer);
      case OPENPGP_SIMPLE_SIGNING -> signing.openPgp(IMAGE, digest, signer);
    };
  }

  private static TrustedKey trusted(SignatureFormat format, Signer signer) throws TrustException {
    return format == SignatureFormat.OPENPGP_SIMPLE_SIGNING
        ? OpenPgpKeys.trusted(signer, "drydock test <test@drydock.invalid>")
        : new TrustedKey.Pkix(signer.metadata(), signer.publicKey());
  }

  static Stream<Arguments> formatsAndAlgorithms() {
    return Stream.of(SignatureFormat.values())
        .flatMap(
            f ->
                Stream.of(KeyAlgorithm.ECDSA_P256, KeyAlgorithm.ED25519, KeyAlgorithm.RSA_3072)
                    .map(a -> Arguments.of(f, a)));
  }

  @ParameterizedTest
  @MethodSource("formatsAndAlgorithms")
  void signaturesVerifyAndReportTheFacts(SignatureFormat format, KeyAlgorithm algorithm)
      throws Exception {
    Signer signer = key("k", algorithm, Environment.DEV);
    ImageSignature sig = sign(format, signer, DIGEST);
    VerifiedSignature v =
        new SignatureVerifier(List.of(trusted(format, signer)), clock).verify(IMAGE, DIGEST, sig);
    assertThat(v.format()).isEqualTo(format);
    assertThat(v.digest()).isEqualTo(DIGEST);
    assertThat(v.keyName()).isEqualTo("k");
    assertThat(v.environment()).isEqualTo(Environment.DEV);
    assertThat(sig.format()).isEqualTo(format);
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void aSignatureOverAnotherDigestIsRefused(SignatureFormat format) throws Exception {
    Signer signer = key("k", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    ImageSignature sig = sign(format, signer, OTHER);
    assertReason(List.of(trusted(format, signer)), sig, RefusalReason.WRONG_DIGEST);
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void aSignatureByAnotherKeyIsRefused(SignatureFormat format) throws Exception {
    Signer signer = key("k", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    Signer other = key("other", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    ImageSignature sig = sign(format, signer, DIGEST);
    assertReason(List.of(trusted(format, other)), sig, RefusalReason.WRONG_KEY);
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void aRevokedKeyIsRefused(SignatureFormat format) throws Exception {
    Signer signer = key("k", KeyAlgorithm.ED25519, Environment.PROD);
    ImageSignature sig = sign(format, signer, DIGEST);
    clock.advance(Duration.ofMinutes(1));
    keys.revoke(Environment.PROD, "k");
    Signer revoked = keys.signer(Environment.PROD, "k", PW);
    assertReason(List.of(trusted(format, revoked)), sig, RefusalReason.REVOKED_KEY);
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void anExpiredKeyIsRefused(SignatureFormat format) throws Exception {
    Signer signer = key("k", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    ImageSignature sig = sign(format, signer, DIGEST);
    TrustedKey key = trusted(format, signer);
    clock.advance(Duration.ofDays(31));
    assertReason(List.of(key), sig, RefusalReason.EXPIRED_KEY);
  }

  @Test
  void aTamperedBundleIsRefusedAsTampered() throws Exception {
    Signer signer = key("k", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    String json = new String(signing.cosignBundle(DIGEST, signer).bytes(), StandardCharsets.UTF_8);
    String forged =
        json.replaceFirst(
            "\"payload\":\"[^\"]+\"",
            "\"payload\":\""
                + Base64.getEncoder()
                    .encodeToString(
                        new InTotoStatement(List.of(OTHER), InTotoStatement.COSIGN_SIGN_PREDICATE)
                            .encode())
                + "\"");
    assertThat(forged).isNotEqualTo(json);
    assertReason(
        List.of(trusted(SignatureFormat.COSIGN_BUNDLE, signer)),
        ImageSignature.cosignBundle(forged.getBytes(StandardCharsets.UTF_8)),
        RefusalReason.TAMPERED_PAYLOAD);
  }

  @Test
  void aTamperedOpenPgpMessageIsRefusedAsTampered() throws Exception {
    Signer signer = key("k", KeyAlgorithm.RSA_3072, Environment.DEV);
    TrustedKey trusted = trusted(SignatureFormat.OPENPGP_SIMPLE_SIGNING, signer);
    // Uncompressed so the payload bytes can be flipped in place.
    byte[] message = signing.openPgp(IMAGE, DIGEST, signer).bytes();
    ImageSignature good = ImageSignature.openPgp(message);
    new SignatureVerifier(List.of(trusted), clock).verify(IMAGE, DIGEST, good);
    byte[] tampered = OpenPgpTestMessages.flipLiteralByte(message);
    assertReason(
        List.of(trusted), ImageSignature.openPgp(tampered), RefusalReason.TAMPERED_PAYLOAD);
  }

  @Test
  void anUnknownCriticalFieldIsRefusedEvenWhenSigned() throws Exception {
    Signer signer = key("k", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example:5000/team/app\"},"
                + "\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"cosign container image signature\",\"expires\":1},"
                + "\"optional\":null}")
            .getBytes(StandardCharsets.UTF_8);
    ImageSignature sig =
        ImageSignature.cosignSimpleSigning(
            payload, Base64.getEncoder().encodeToString(signer.sign(payload)));
    assertReason(
        List.of(trusted(SignatureFormat.COSIGN_SIMPLE_SIGNING, signer)),
        sig,
        RefusalReason.UNKNOWN_CRITICAL_FIELD);
  }

  @Test
  void cosignSimpleSigningWritesThePayloadCosignWrites() throws Exception {
    Signer signer = key("k", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    Digest digest =
        Digest.parse("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00");
    ImageSignature sig =
        signing.cosignSimpleSigning(
            ImageRef.parse("192.168.64.2:5000/cosign-signed-single-sample:latest"),
            digest,
            Map.of(),
            signer);
    byte[] cosignMade =
        ContainersSignatureFile.decode(
                "fixture",
                Fixtures.bytes(
                    "/dev/drydock/trust/containers-image/dir-img-cosign-valid/signature-1"))
            .bytes();
    assertThat(new String(sig.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(new String(cosignMade, StandardCharsets.UTF_8));
    ImageSignature annotated =
        signing.cosignSimpleSigning(IMAGE, DIGEST, Map.of("b", "2", "a", "1"), signer);
    assertThat(new String(annotated.bytes(), StandardCharsets.UTF_8))
        .endsWith("\"optional\":{\"a\":\"1\",\"b\":\"2\"}}");
  }

  @Test
  void theBundleMatchesTheGoldenFile() throws Exception {
    Digest digest =
        Digest.parse("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00");
    byte[] statement =
        new InTotoStatement(List.of(digest), InTotoStatement.COSIGN_SIGN_PREDICATE).encode();
    assertThat(statement).isEqualTo(Fixtures.bytes("/dev/drydock/trust/golden/statement.json"));
    SigstoreBundle bundle =
        new SigstoreBundle(
            "cGxhY2Vob2xkZXI=",
            new DsseEnvelope(
                DsseEnvelope.IN_TOTO,
                Base64.getEncoder().encodeToString(statement),
                List.of(new DsseEnvelope.Signature("", "c2lnbmF0dXJl"))));
    byte[] golden = Fixtures.bytes("/dev/drydock/trust/golden/bundle.json");
    assertThat(new String(bundle.encode(), StandardCharsets.UTF_8))
        .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    assertThat(SigstoreBundle.decode("golden", golden)).isEqualTo(bundle);
  }

  @Test
  void paeMatchesTheDsseSpecExample() {
    byte[] pae =
        DsseEnvelope.pae(
            "http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void aDevKeyIsReportedAsDev() throws Exception {
    Signer dev = key("ci", KeyAlgorithm.ECDSA_P256, Environment.DEV);
    ImageSignature sig = signing.cosignBundle(DIGEST, dev);
    VerifiedSignature v =
        new SignatureVerifier(keys.trustedKeys(Environment.DEV), clock).verify(IMAGE, DIGEST, sig);
    assertThat(v.environment()).isEqualTo(Environment.DEV);
    assertThat(v.keyId()).isEqualTo(dev.metadata().keyId());
    assertReason(keys.trustedKeys(Environment.PROD), sig, RefusalReason.WRONG_KEY);
  }

  private void assertReason(
      List<? extends TrustedKey> keyList, ImageSignature sig, RefusalReason reason) {
    SignatureVerifier verifier = new SignatureVerifier(keyList, clock);
    assertThatThrownBy(() -> verifier.verify(IMAGE, DIGEST, sig))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
