package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookasideSignatureStoreTest extends SignatureStoreContract {
  @TempDir Path base;

  @Override
  SignatureStore store() {
    return new LookasideSignatureStore(base);
  }

  @Test
  void usesTheContainersLookasideLayout() throws Exception {
    new LookasideSignatureStore(base)
        .append(IMAGE, DIGEST, ImageSignature.openPgp(new byte[] {1, 2}));
    Path file = base.resolve("team/app@sha256=" + DIGEST.hex() + "/signature-1");
    assertThat(Files.readAllBytes(file)).containsExactly(1, 2);
  }

  @Test
  void storedSignaturesStillVerify() throws Exception {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    TrustKeys keys = new TrustKeys(base.resolve("data"), clock, new java.security.SecureRandom());
    keys.generate(
        "ci",
        Environment.DEV,
        KeyAlgorithm.ED25519,
        java.time.Duration.ofDays(1),
        new char[0],
        KdfStrength.LEGACY);
    Signer signer = keys.signer(Environment.DEV, "ci", new char[0]);
    ImageSigning signing = new ImageSigning(clock);
    SignatureStore store = store();
    store.append(IMAGE, DIGEST, signing.openPgp(IMAGE, DIGEST, signer));
    store.append(
        IMAGE, DIGEST, signing.cosignSimpleSigning(IMAGE, DIGEST, java.util.Map.of(), signer));
    store.append(IMAGE, DIGEST, signing.cosignBundle(DIGEST, signer));
    SignatureVerifier verifier =
        new SignatureVerifier(
            java.util.List.of(
                new TrustedKey.Pkix(signer.metadata(), signer.publicKey()),
                OpenPgpKeys.trusted(signer, "ci <ci@drydock.invalid>")),
            clock);
    for (ImageSignature sig : store.read(IMAGE, DIGEST)) {
      assertThat(verifier.verify(IMAGE, DIGEST, sig).keyName()).isEqualTo("ci");
    }
    assertThat(store.read(IMAGE, DIGEST)).hasSize(3);
  }

  @Test
  void aForeignAttachmentIsRefusedWhenRead() throws Exception {
    Path dir = new LookasideSignatureStore(base).directory(IMAGE, DIGEST);
    Files.createDirectories(dir);
    Files.write(
        dir.resolve("cosign-1"),
        Fixtures.bytes(
            "/dev/drydock/trust/containers-image/dir-img-cosign-other-attachment/signature-1"));
    assertThatThrownBy(() -> new LookasideSignatureStore(base).read(IMAGE, DIGEST))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.MALFORMED_BUNDLE));
  }
}
