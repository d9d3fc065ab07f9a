package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustKeysTest {
  private static final char[] PW = "s3cret".toCharArray();
  @TempDir Path data;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private TrustKeys keys() {
    return new TrustKeys(data, clock, new SecureRandom());
  }

  @Test
  void generatesACosignCompatibleKeyPairWithMetadata() throws Exception {
    KeyMetadata m =
        keys()
            .generate(
                "ci",
                Environment.DEV,
                KeyAlgorithm.ECDSA_P256,
                Duration.ofDays(90),
                PW,
                KdfStrength.LEGACY);
    Path dir = data.resolve("trust/keys/dev/ci");
    assertThat(Files.getPosixFilePermissions(dir.resolve("cosign.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.readString(dir.resolve("cosign.key"), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----");
    assertThat(m.notBefore()).isEqualTo(clock.instant());
    assertThat(m.notAfter()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
    assertThat(m.keyId()).isEqualTo(SigningKeys.keyId(keys().publicKey(Environment.DEV, "ci")));
    assertThat(keys().metadata(Environment.DEV, "ci")).isEqualTo(m);
  }

  @Test
  void theSignerSignsWithTheStoredKey() throws Exception {
    keys()
        .generate(
            "rel",
            Environment.PROD,
            KeyAlgorithm.ED25519,
            Duration.ofDays(1),
            PW,
            KdfStrength.LEGACY);
    Signer signer = keys().signer(Environment.PROD, "rel", PW);
    byte[] sig = signer.sign("payload".getBytes(StandardCharsets.UTF_8));
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(keys().publicKey(Environment.PROD, "rel"));
    v.update("payload".getBytes(StandardCharsets.UTF_8));
    assertThat(v.verify(sig)).isTrue();
    assertThat(signer.toString()).doesNotContain("PRIVATE").contains("prod/rel");
  }

  @Test
  void aWrongPasswordIsATypedError() throws Exception {
    keys()
        .generate(
            "ci",
            Environment.DEV,
            KeyAlgorithm.ECDSA_P256,
            Duration.ofDays(1),
            PW,
            KdfStrength.LEGACY);
    assertThatThrownBy(() -> keys().signer(Environment.DEV, "ci", "nope".toCharArray()))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void revocationIsRecordedWithTheTime() throws Exception {
    keys()
        .generate(
            "ci",
            Environment.DEV,
            KeyAlgorithm.ECDSA_P256,
            Duration.ofDays(1),
            PW,
            KdfStrength.LEGACY);
    clock.advance(Duration.ofHours(2));
    KeyMetadata revoked = keys().revoke(Environment.DEV, "ci");
    assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
    assertThat(keys().trustedKeys(Environment.DEV))
        .singleElement()
        .satisfies(k -> assertThat(k.metadata().revokedAt(clock.instant())).isTrue());
    assertThat(keys().trustedKeys(Environment.PROD)).isEmpty();
  }

  @Test
  void aNameIsUsedOncePerEnvironment() throws Exception {
    keys()
        .generate(
            "ci",
            Environment.DEV,
            KeyAlgorithm.ECDSA_P256,
            Duration.ofDays(1),
            PW,
            KdfStrength.LEGACY);
    assertThatThrownBy(
            () ->
                keys()
                    .generate(
                        "ci",
                        Environment.DEV,
                        KeyAlgorithm.ECDSA_P256,
                        Duration.ofDays(1),
                        PW,
                        KdfStrength.LEGACY))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void namesCannotEscapeTheKeyDirectory() {
    assertThatThrownBy(
            () ->
                keys()
                    .generate(
                        "../x",
                        Environment.DEV,
                        KeyAlgorithm.ECDSA_P256,
                        Duration.ofDays(1),
                        PW,
                        KdfStrength.LEGACY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys().metadata(Environment.DEV, "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void importsAKeyCosignGenerated() throws Exception {
    byte[] cosignKey = Fixtures.bytes("/dev/drydock/trust/keys/conforma-vsa.key");
    KeyMetadata m =
        keys().importCosignKey("vsa", Environment.PROD, cosignKey, new char[0], Duration.ofDays(7));
    var expected =
        SigningKeys.readPublicKey(
            "pub", Fixtures.bytes("/dev/drydock/trust/keys/conforma-vsa.pub"));
    assertThat(m.keyId()).isEqualTo(SigningKeys.keyId(expected));
    assertThat(m.algorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
    Signer signer = keys().signer(Environment.PROD, "vsa", new char[0]);
    assertThat(signer.publicKey()).isEqualTo(expected);
    assertThatThrownBy(
            () ->
                keys()
                    .importCosignKey(
                        "other",
                        Environment.PROD,
                        cosignKey,
                        "x".toCharArray(),
                        Duration.ofDays(7)))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void aMissingKeySaysSo() {
    assertThatThrownBy(() -> keys().metadata(Environment.DEV, "none"))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("generate the key first");
  }

  @Test
  void metadataValidatesItself() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                new KeyMetadata(
                    "k", "00ff00ff00ff00ff", KeyAlgorithm.ED25519, Environment.DEV, t, t, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new KeyMetadata(
                    "k", "XYZ", KeyAlgorithm.ED25519, Environment.DEV, t, t.plusSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    KeyMetadata m =
        new KeyMetadata(
            "k",
            "00ff00ff00ff00ff",
            KeyAlgorithm.ED25519,
            Environment.DEV,
            t,
            t.plusSeconds(10),
            null);
    assertThat(m.validAt(t)).isTrue();
    assertThat(m.validAt(t.plusSeconds(10))).isFalse();
    assertThat(m.revoked(t.plusSeconds(5)).revoked(t.plusSeconds(8)).revokedAt())
        .isEqualTo(t.plusSeconds(5));
    assertThat(Environment.parse("PROD")).isEqualTo(Environment.PROD);
    assertThatThrownBy(() -> Environment.parse("staging"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weakRsaAndOtherCurvesAreNotAccepted() throws Exception {
    var rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    byte[] pem = SigningKeys.publicKeyPem(rsa.generateKeyPair().getPublic());
    assertThatThrownBy(() -> SigningKeys.readPublicKey("rsa2048", pem))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("3072");
    var ec = java.security.KeyPairGenerator.getInstance("EC");
    ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    byte[] p384 = SigningKeys.publicKeyPem(ec.generateKeyPair().getPublic());
    assertThatThrownBy(() -> SigningKeys.readPublicKey("p384", p384))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("P-256");
  }
}
