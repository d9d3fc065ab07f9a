package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden vectors made by real cosign and GnuPG (containers/image signature/fixtures): the valid
 * ones verify, every negative one is refused for its own reason.
 */
class ContainersImageFixturesTest {
  private static final String DIR = "/dev/drydock/trust/containers-image/";
  private static final ImageRef COSIGN_IMAGE =
      ImageRef.parse("192.168.64.2:5000/cosign-signed-single-sample:latest");
  private static final ImageRef GPG_IMAGE = ImageRef.parse("testing/manifest:latest");
  private static final Digest GPG_DIGEST =
      Fixtures.sha256(Fixtures.bytes(DIR + "image.manifest.json"));
  private final MutableClock clock = new MutableClock(Instant.parse("2025-08-01T00:00:00Z"));

  private SignatureVerifier cosignVerifier(String pub) throws Exception {
    return new SignatureVerifier(
        List.of(Fixtures.pkix("cosign", DIR + pub, Environment.DEV)), clock);
  }

  private SignatureVerifier gpgVerifier(String... keyFiles) throws Exception {
    List<TrustedKey> keys = new ArrayList<>();
    for (String f : keyFiles) {
      keys.addAll(OpenPgpKeys.read(f, Fixtures.bytes(DIR + f), "gpg", Environment.PROD));
    }
    return new SignatureVerifier(keys, clock);
  }

  private static ImageSignature signature(String path) throws VerificationException {
    return ContainersSignatureFile.decode(path, Fixtures.bytes(DIR + path));
  }

  private static Digest manifestDigest(String dir) {
    return Fixtures.sha256(Fixtures.bytes(DIR + dir + "/manifest.json"));
  }

  @ParameterizedTest
  @CsvSource({
    "dir-img-cosign-valid/signature-1, 192.168.64.2:5000/cosign-signed-single-sample:latest",
    "dir-img-cosign-valid-2/signature-1, 192.168.64.2:5000/cosign-signed-single-sample:v1",
    "dir-img-cosign-valid-2/signature-2, 192.168.64.2:5000/cosign-signed-single-sample:latest",
    "dir-img-cosign-mixed/signature-2, 192.168.64.2:5000/cosign-signed-single-sample:latest",
    "dir-img-cosign-valid-with-tag/signature-1, 192.168.64.2:5000/skopeo-signed:tag"
  })
  void cosignSignaturesVerify(String path, String image) throws Exception {
    String dir = path.substring(0, path.indexOf('/'));
    VerifiedSignature v =
        cosignVerifier("cosign.pub")
            .verify(ImageRef.parse(image), manifestDigest(dir), signature(path));
    assertThat(v.format()).isEqualTo(SignatureFormat.COSIGN_SIMPLE_SIGNING);
    assertThat(v.digest()).isEqualTo(manifestDigest(dir));
    assertThat(v.keyId())
        .isEqualTo(
            SigningKeys.keyId(
                SigningKeys.readPublicKey("cosign.pub", Fixtures.bytes(DIR + "cosign.pub"))));
    assertThat(v.environment()).isEqualTo(Environment.DEV);
  }

  @ParameterizedTest
  @CsvSource({
    "dir-img-cosign-modified-manifest/signature-1, dir-img-cosign-modified-manifest, WRONG_DIGEST",
    "dir-img-cosign-manifest-digest-error/signature-1, dir-img-cosign-manifest-digest-error,"
        + " WRONG_DIGEST",
    "dir-img-cosign-mixed/signature-1, dir-img-cosign-mixed, WRONG_KEY",
    "unknown-cosign-key.signature, dir-img-cosign-valid, WRONG_KEY"
  })
  void negativeCosignVectorsAreRefusedForTheirReason(String path, String dir, RefusalReason reason)
      throws Exception {
    SignatureVerifier verifier = cosignVerifier("cosign.pub");
    ImageSignature sig = signature(path);
    assertThatThrownBy(() -> verifier.verify(COSIGN_IMAGE, manifestDigest(dir), sig))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void anotherAttachmentIsNotACosignSignature() {
    assertThatThrownBy(() -> signature("dir-img-cosign-other-attachment/signature-1"))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.MALFORMED_BUNDLE));
  }

  @Test
  void aValidCosignSignatureFailsUnderAnotherKey() throws Exception {
    SignatureVerifier verifier = cosignVerifier("cosign2.pub");
    ImageSignature sig = signature("dir-img-cosign-valid/signature-1");
    assertThatThrownBy(
            () -> verifier.verify(COSIGN_IMAGE, manifestDigest("dir-img-cosign-valid"), sig))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_KEY));
  }

  @Test
  void aCosignSignatureForAnotherRepositoryIsRefused() throws Exception {
    SignatureVerifier verifier = cosignVerifier("cosign.pub");
    ImageSignature sig = signature("dir-img-cosign-valid/signature-1");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    ImageRef.parse("192.168.64.2:5000/other:latest"),
                    manifestDigest("dir-img-cosign-valid"),
                    sig))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_IDENTITY));
  }

  @ParameterizedTest
  @CsvSource({
    "image.signature, public-key.gpg",
    "no-optional-fields.signature, public-key.gpg",
    "dir-img-valid/signature-1, public-key.gpg",
    "dir-img-valid-2/signature-1, public-key.gpg",
    "dir-img-valid-2/signature-2, public-key.gpg",
    "dir-img-mixed/signature-2, public-key.gpg",
    "subkey.signature, public-key-with-subkey.gpg",
    "subkey.signature-v3, public-key-with-subkey.gpg"
  })
  void gnupgSignaturesVerify(String path, String key) throws Exception {
    VerifiedSignature v = gpgVerifier(key).verify(GPG_IMAGE, GPG_DIGEST, signature(path));
    assertThat(v.format()).isEqualTo(SignatureFormat.OPENPGP_SIMPLE_SIGNING);
    assertThat(v.digest()).isEqualTo(GPG_DIGEST);
    assertThat(v.environment()).isEqualTo(Environment.PROD);
    assertThat(v.signedAt()).isAfter(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(v.dockerReference()).startsWith("testing/manifest");
  }

  @ParameterizedTest
  @CsvSource({
    "expired.signature, public-key.gpg, EXPIRED_KEY",
    "corrupt.signature, public-key.gpg, TAMPERED_PAYLOAD",
    "corrupt.signature-v3, public-key.gpg, TAMPERED_PAYLOAD",
    "unknown-key.signature, public-key.gpg, WRONG_KEY",
    "unknown-key.signature-v3, public-key.gpg, WRONG_KEY",
    "invalid-blob.signature, public-key.gpg, MALFORMED_BUNDLE",
    "invalid-blob.signature-v3, public-key.gpg, MALFORMED_BUNDLE",
    "invalid-reference.signature, public-key.gpg, MALFORMED_BUNDLE",
    "dir-img-mixed/signature-1, public-key.gpg, MALFORMED_BUNDLE",
    "subkey-revoked.signature, public-key-with-revoked-subkey.gpg, REVOKED_KEY",
    "subkey-revoked.signature-v3, public-key-with-revoked-subkey.gpg, REVOKED_KEY",
    "unsigned-literal.signature, public-key.gpg, NO_SIGNATURE",
    "unsigned-encrypted.signature, public-key.gpg, MALFORMED_BUNDLE",
    "image.signature, public-key-with-subkey.gpg, WRONG_KEY"
  })
  void negativeGnupgVectorsAreRefusedForTheirReason(String path, String key, RefusalReason reason)
      throws Exception {
    SignatureVerifier verifier = gpgVerifier(key);
    ImageSignature sig = signature(path);
    assertThatThrownBy(() -> verifier.verify(GPG_IMAGE, GPG_DIGEST, sig))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @ParameterizedTest
  @CsvSource({"dir-img-modified-manifest", "dir-img-manifest-digest-error"})
  void gnupgSignatureOverAnotherManifestIsRefused(String dir) throws Exception {
    SignatureVerifier verifier = gpgVerifier("public-key.gpg");
    ImageSignature sig = signature(dir + "/signature-1");
    assertThatThrownBy(() -> verifier.verify(GPG_IMAGE, manifestDigest(dir), sig))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_DIGEST));
  }

  @Test
  void aSignatureForAnotherTagIsRefused() throws Exception {
    SignatureVerifier verifier = gpgVerifier("public-key.gpg");
    ImageSignature sig = signature("dir-img-valid/signature-1");
    assertThatThrownBy(
            () -> verifier.verify(ImageRef.parse("testing/manifest:other"), GPG_DIGEST, sig))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_IDENTITY));
  }
}
