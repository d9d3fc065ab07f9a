package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenSSL (a real, independent peer) verifies drydock's raw signatures with the PEM public key
 * drydock wrote, the way cosign's own docs check a {@code .sig} by hand.
 */
class OpensslInteropIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslVerifiesDrydocksSignatureOverTheCosignPayload(KeyAlgorithm algorithm)
      throws Exception {
    TrustKeys keys = new TrustKeys(dir, Clock.systemUTC(), new SecureRandom());
    keys.generate(
        "k", Environment.DEV, algorithm, Duration.ofDays(1), new char[0], KdfStrength.LEGACY);
    Signer signer = keys.signer(Environment.DEV, "k", new char[0]);
    ImageSignature sig =
        new ImageSigning(Clock.systemUTC())
            .cosignSimpleSigning(ImageSigningTest.IMAGE, ImageSigningTest.DIGEST, Map.of(), signer);
    Files.write(dir.resolve("payload"), sig.bytes());
    Files.write(
        dir.resolve("sig.bin"),
        Base64.getDecoder().decode(java.util.Objects.requireNonNull(sig.signatureAnnotation())));
    Files.copy(dir.resolve("trust/keys/dev/k/cosign.pub"), dir.resolve("pub.pem"));

    assertThat(verify(algorithm, "payload").output()).contains("Verified");
    assertThat(verify(algorithm, "payload").exitCode()).isZero();

    Files.writeString(dir.resolve("other"), "not the payload", StandardCharsets.UTF_8);
    assertThat(verify(algorithm, "other").exitCode()).isNotZero();
  }

  private Processes.Result verify(KeyAlgorithm algorithm, String file) throws Exception {
    List<String> command =
        algorithm == KeyAlgorithm.ED25519
            ? List.of(
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                "pub.pem",
                "-rawin",
                "-in",
                file,
                "-sigfile",
                "sig.bin")
            : List.of(
                "openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", file);
    return Processes.run(dir, command);
  }
}
