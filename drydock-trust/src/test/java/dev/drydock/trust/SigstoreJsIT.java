package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sigstore-js (npm {@code sigstore@4.1.0}, the cosign v3 bundle client that runs here) verifies
 * drydock's bundles with the dev public key and refuses them with the prod key; drydock verifies
 * bundles sigstore-js signed. Needs node and npm (Debian nodejs, npm) and the npm registry for the
 * install.
 */
class SigstoreJsIT {
  @TempDir static Path node;
  @TempDir Path dir;

  @BeforeAll
  static void installSigstoreJs() throws Exception {
    Files.write(
        node.resolve("sigstore-verify.js"),
        Fixtures.bytes("/dev/drydock/trust/sigstore-verify.js"));
    Files.write(
        node.resolve("sigstore-sign.js"), Fixtures.bytes("/dev/drydock/trust/sigstore-sign.js"));
    Processes.Result install =
        Processes.run(
            node,
            List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "sigstore@4.1.0"));
    assertThat(install.exitCode()).as(install.output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "ED25519", "RSA_3072"})
  void sigstoreJsVerifiesDrydocksBundleWithTheRightKeyOnly(KeyAlgorithm algorithm)
      throws Exception {
    TrustKeys keys = new TrustKeys(dir, Clock.systemUTC(), new SecureRandom());
    keys.generate(
        "ci", Environment.DEV, algorithm, Duration.ofDays(1), new char[0], KdfStrength.LEGACY);
    keys.generate(
        "rel", Environment.PROD, algorithm, Duration.ofDays(1), new char[0], KdfStrength.LEGACY);
    Signer dev = keys.signer(Environment.DEV, "ci", new char[0]);
    ImageSignature bundle =
        new ImageSigning(Clock.systemUTC()).cosignBundle(ImageSigningTest.DIGEST, dev);
    Files.write(dir.resolve("bundle.json"), bundle.bytes());

    Processes.Result ok = verify("trust/keys/dev/ci/cosign.pub");
    assertThat(ok.output()).contains("OK predicateType=https://sigstore.dev/cosign/sign/v1");
    assertThat(ok.exitCode()).isZero();

    Processes.Result wrong = verify("trust/keys/prod/rel/cosign.pub");
    assertThat(wrong.output()).contains("FAIL");
    assertThat(wrong.exitCode()).isNotZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "ED25519"})
  void drydockVerifiesSigstoreJsBundles(KeyAlgorithm algorithm) throws Exception {
    java.security.KeyPair pair = algorithm.generate(new java.security.SecureRandom());
    Files.write(dir.resolve("key.pem"), Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.write(dir.resolve("pub.pem"), SigningKeys.publicKeyPem(pair.getPublic()));
    Processes.Result signed =
        Processes.run(
            node,
            List.of(
                "/bin/sh",
                "-c",
                "node sigstore-sign.js '"
                    + dir.resolve("key.pem")
                    + "' '"
                    + dir.resolve("pub.pem")
                    + "' "
                    + ImageSigningTest.DIGEST.hex()
                    + " > '"
                    + dir.resolve("bundle.json")
                    + "'"));
    assertThat(signed.exitCode()).as(signed.output()).isZero();
    TrustedKey.Pkix key =
        new TrustedKey.Pkix(
            Fixtures.metadata(
                "js", SigningKeys.keyId(pair.getPublic()), algorithm, Environment.DEV),
            pair.getPublic());
    VerifiedSignature v =
        new SignatureVerifier(List.of(key), Clock.systemUTC())
            .verify(
                ImageSigningTest.IMAGE,
                ImageSigningTest.DIGEST,
                ImageSignature.cosignBundle(Files.readAllBytes(dir.resolve("bundle.json"))));
    assertThat(v.keyId()).isEqualTo(key.metadata().keyId());
    assertThat(v.format()).isEqualTo(SignatureFormat.COSIGN_BUNDLE);
  }

  private Processes.Result verify(String publicKey) throws Exception {
    return Processes.run(
        node,
        List.of(
            "node",
            "sigstore-verify.js",
            dir.resolve("bundle.json").toString(),
            dir.resolve(publicKey).toString(),
            ImageSigningTest.DIGEST.hex()));
  }
}
