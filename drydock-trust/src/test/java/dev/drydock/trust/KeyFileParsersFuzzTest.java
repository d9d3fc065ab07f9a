package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the key-file parsers: the cosign encrypted private key (PEM + JSON + KDF parameters), PEM
 * public keys and OpenPGP key rings. Each returns a key or throws {@link KeyFileException}. The
 * scrypt work factor is bounded by the accepted parameter sets, so a hostile file stays cheap.
 *
 * <p>Runs its seeds (in {@code KeyFileParsersFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class KeyFileParsersFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(30)
  void cosignPrivateKey(FuzzedDataProvider data) {
    char[] password = data.consumeString(16).toCharArray();
    byte[] pem = data.consumeRemainingAsBytes();
    try {
      assertThat(CosignKeyFile.decrypt("fuzz", pem, password)).isNotNull();
    } catch (KeyFileException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz");
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void publicKey(byte[] pem) {
    try {
      var key = SigningKeys.readPublicKey("fuzz", pem);
      assertThat(SigningKeys.readPublicKey("again", SigningKeys.publicKeyPem(key))).isEqualTo(key);
    } catch (KeyFileException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz");
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void openPgpKeyRing(byte[] keyring) {
    try {
      assertThat(OpenPgpKeys.read("fuzz", keyring, "k", Environment.DEV)).isNotEmpty();
    } catch (KeyFileException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz");
    }
  }
}
