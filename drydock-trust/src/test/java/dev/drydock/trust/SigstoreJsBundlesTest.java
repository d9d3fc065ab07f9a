package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden bundles made by sigstore-js (a real cosign v3 bundle client) verify in drydock. */
class SigstoreJsBundlesTest {
  private static final String DIR = "/dev/drydock/trust/sigstore-js/";
  private static final ImageRef IMAGE = ImageRef.parse("registry.example/app:1");
  private static final Digest DIGEST =
      Digest.parse("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));

  private SignatureVerifier verifier(String pub) throws Exception {
    return new SignatureVerifier(List.of(Fixtures.pkix("js", DIR + pub, Environment.DEV)), clock);
  }

  @ParameterizedTest
  @CsvSource({"bundle-ecdsa.json, ecdsa.pub", "bundle-ed25519.json, ed25519.pub"})
  void sigstoreJsBundlesVerify(String bundle, String pub) throws Exception {
    VerifiedSignature v =
        verifier(pub)
            .verify(IMAGE, DIGEST, ImageSignature.cosignBundle(Fixtures.bytes(DIR + bundle)));
    assertThat(v.format()).isEqualTo(SignatureFormat.COSIGN_BUNDLE);
    assertThat(v.digest()).isEqualTo(DIGEST);
    assertThat(v.dockerReference()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "bundle-ecdsa.json, ed25519.pub, WRONG_KEY",
    "bundle-ed25519.json, ecdsa.pub, WRONG_KEY",
  })
  void underAnotherKeyTheyFail(String bundle, String pub, RefusalReason reason) throws Exception {
    SignatureVerifier verifier = verifier(pub);
    ImageSignature sig = ImageSignature.cosignBundle(Fixtures.bytes(DIR + bundle));
    assertThatThrownBy(() -> verifier.verify(IMAGE, DIGEST, sig))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @ParameterizedTest
  @CsvSource({
    // A signature byte changed: the hint names the key, the signature fails.
    "'\"sig\":\"MEYCIQDe', '\"sig\":\"MEYCIQDf', TAMPERED_PAYLOAD",
    // Another media type, a message-signature bundle, an unknown member: malformed.
    "'bundle.v0.3+json', 'bundle.v0.9+json', MALFORMED_BUNDLE",
    "'\"dsseEnvelope\"', '\"messageSignature\"', MALFORMED_BUNDLE",
    "'\"timestampVerificationData\"', '\"x509CertificateChain\"', MALFORMED_BUNDLE",
    "'\"payloadType\":\"application/vnd.in-toto+json\"', "
        + "'\"payloadType\":\"application/vnd.in-toto+json\",\"extra\":1', MALFORMED_BUNDLE",
  })
  void alteredBundlesAreRefusedForTheirReason(String from, String to, RefusalReason reason)
      throws Exception {
    String json = new String(Fixtures.bytes(DIR + "bundle-ecdsa.json"), StandardCharsets.UTF_8);
    String altered = json.replace(from, to);
    assertThat(altered).isNotEqualTo(json);
    SignatureVerifier verifier = verifier("ecdsa.pub");
    ImageSignature sig = ImageSignature.cosignBundle(altered.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verify(IMAGE, DIGEST, sig))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @ParameterizedTest
  @CsvSource({"bundle-ecdsa.json, ecdsa.pub"})
  void aBundleForAnotherDigestIsRefused(String bundle, String pub) throws Exception {
    SignatureVerifier verifier = verifier(pub);
    ImageSignature sig = ImageSignature.cosignBundle(Fixtures.bytes(DIR + bundle));
    Digest other = Fixtures.sha256("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verify(IMAGE, other, sig))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_DIGEST));
  }
}
