package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.Digest;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parsers of untrusted signature material: the Sigstore bundle (with its DSSE envelope),
 * the in-toto statement, the simple-signing payload, containers' signature files and OpenPGP
 * messages. Each returns a value or throws {@link VerificationException}; nothing else escapes.
 *
 * <p>Runs its seeds (in {@code SignatureParsersFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class SignatureParsersFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void bundle(byte[] data) {
    try {
      SigstoreBundle bundle = SigstoreBundle.decode("fuzz", data);
      assertThat(SigstoreBundle.decode("again", bundle.encode())).isEqualTo(bundle);
      InTotoStatement.decode("fuzz", bundle.envelope().payloadBytes());
    } catch (VerificationException expected) {
      assertThat(expected.reason()).isEqualTo(RefusalReason.MALFORMED_BUNDLE);
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void simpleSigningPayload(FuzzedDataProvider data) {
    String type =
        data.consumeBoolean() ? SimpleSigningPayload.COSIGN_TYPE : SimpleSigningPayload.ATOMIC_TYPE;
    try {
      SimpleSigningPayload payload =
          SimpleSigningPayload.decode("fuzz", data.consumeRemainingAsBytes(), type);
      assertThat(SimpleSigningPayload.decode("again", payload.encode(), type).manifestDigest())
          .isEqualTo(payload.manifestDigest());
    } catch (VerificationException expected) {
      assertThat(expected.reason())
          .isIn(RefusalReason.MALFORMED_BUNDLE, RefusalReason.UNKNOWN_CRITICAL_FIELD);
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void signatureFile(byte[] data) {
    try {
      ImageSignature signature = ContainersSignatureFile.decode("fuzz", data);
      // Whatever parsed must then verify or be refused, never crash.
      new SignatureVerifier(List.of(), java.time.Clock.systemUTC())
          .verify(
              dev.drydock.model.ImageRef.parse("example.com/a:1"),
              Digest.parse("sha256:" + "0".repeat(64)),
              signature);
    } catch (VerificationException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }
}
