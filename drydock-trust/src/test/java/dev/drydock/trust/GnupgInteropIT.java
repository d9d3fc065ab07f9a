package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GnuPG 2.2 and skopeo (containers/image) verify drydock's OpenPGP simple signatures, and drydock
 * verifies signatures made by {@code gpg --sign}. Debian packages: gnupg, skopeo.
 */
class GnupgInteropIT {
  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\","
          + "\"size\":2},\"layers\":[]}";
  private static final ImageRef IMAGE = ImageRef.parse("registry.example:5000/team/app:1.0");
  private static final Digest DIGEST = Fixtures.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;
  private Path home;
  private Map<String, String> env;

  @BeforeEach
  void gnupgHome() throws Exception {
    home =
        Files.createDirectory(
            dir.resolve("gnupg"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    env = Map.of("GNUPGHOME", home.toString());
    Files.writeString(dir.resolve("manifest.json"), MANIFEST, StandardCharsets.UTF_8);
  }

  @AfterEach
  void stopAgent() throws Exception {
    // Stops only the agent of this test's private GNUPGHOME.
    Processes.run(dir, env, List.of("gpgconf", "--kill", "gpg-agent"));
  }

  private Processes.Result gpg(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--status-fd", "1"));
    command.addAll(List.of(args));
    return Processes.run(dir, env, command);
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "ED25519", "RSA_3072"})
  void gnupgAndSkopeoVerifyDrydocksSignature(KeyAlgorithm algorithm) throws Exception {
    TrustKeys keys = new TrustKeys(dir, Clock.systemUTC(), new SecureRandom());
    keys.generate(
        "rel", Environment.PROD, algorithm, Duration.ofDays(1), new char[0], KdfStrength.LEGACY);
    Signer signer = keys.signer(Environment.PROD, "rel", new char[0]);
    String fingerprint =
        OpenPgpKeys.trusted(signer, "drydock rel <rel@drydock.invalid>")
            .metadata()
            .keyId()
            .toUpperCase(Locale.ROOT);
    Files.write(
        dir.resolve("rel.pgp"), OpenPgpKeys.export(signer, "drydock rel <rel@drydock.invalid>"));
    Processes.Result imported = gpg("--import", "rel.pgp");
    assertThat(imported.output()).contains("IMPORT_OK");

    ImageSignature sig = new ImageSigning(Clock.systemUTC()).openPgp(IMAGE, DIGEST, signer);
    Files.write(dir.resolve("signature-1"), sig.bytes());
    Processes.Result verified = gpg("--output", "payload.json", "--decrypt", "signature-1");
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("[GNUPG:] VALIDSIG " + fingerprint);
    assertThat(Files.readString(dir.resolve("payload.json")))
        .contains("\"docker-reference\":\"registry.example:5000/team/app:1.0\"")
        .contains("\"type\":\"atomic container signature\"");

    Processes.Result skopeo =
        Processes.run(
            dir,
            env,
            List.of(
                "skopeo",
                "standalone-verify",
                "manifest.json",
                IMAGE.toString(),
                fingerprint,
                "signature-1"));
    assertThat(skopeo.exitCode()).as(skopeo.output()).isZero();
    assertThat(skopeo.output()).contains("Signature verified").contains(DIGEST.toString());

    Files.write(dir.resolve("tampered"), OpenPgpTestMessages.flipLiteralByte(sig.bytes()));
    Processes.Result bad = gpg("--output", "-", "--decrypt", "tampered");
    assertThat(bad.output()).contains("BADSIG");
    assertThat(bad.exitCode()).isNotZero();
  }

  @ParameterizedTest
  @CsvSource({"rsa3072, false", "ed25519, true", "nistp256, false"})
  void drydockVerifiesGpgSign(String algorithm, boolean armor) throws Exception {
    String uid = "gpg " + algorithm + " <gpg@drydock.invalid>";
    Processes.Result generated =
        gpg(
            "--passphrase",
            "",
            "--pinentry-mode",
            "loopback",
            "--quick-gen-key",
            uid,
            algorithm,
            "sign",
            "never");
    assertThat(generated.exitCode()).as(generated.output()).isZero();
    Processes.Result exported =
        armor
            ? gpg("--armor", "--output", "pub.gpg", "--export")
            : gpg("--output", "pub.gpg", "--export");
    assertThat(exported.exitCode()).as(exported.output()).isZero();

    String payload =
        "{\"critical\":{\"identity\":{\"docker-reference\":\""
            + IMAGE
            + "\"},"
            + "\"image\":{\"docker-manifest-digest\":\""
            + DIGEST
            + "\"},"
            + "\"type\":\"atomic container signature\"},"
            + "\"optional\":{\"creator\":\"gpg\",\"timestamp\":1700000000}}";
    Files.writeString(dir.resolve("payload.json"), payload, StandardCharsets.UTF_8);
    Processes.Result signed =
        gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--local-user",
            "gpg@drydock.invalid",
            "--output",
            "signature-1",
            "--sign",
            "payload.json");
    assertThat(signed.exitCode()).as(signed.output()).isZero();

    List<TrustedKey.OpenPgp> keys =
        OpenPgpKeys.read(
            "pub.gpg", Files.readAllBytes(dir.resolve("pub.gpg")), "gpg", Environment.PROD);
    ImageSignature sig = ImageSignature.openPgp(Files.readAllBytes(dir.resolve("signature-1")));
    VerifiedSignature v = new SignatureVerifier(keys, Clock.systemUTC()).verify(IMAGE, DIGEST, sig);
    assertThat(v.keyId()).isEqualTo(keys.getFirst().metadata().keyId());
    assertThat(v.environment()).isEqualTo(Environment.PROD);
    assertThat(v.format()).isEqualTo(SignatureFormat.OPENPGP_SIMPLE_SIGNING);
    assertThat(v.dockerReference()).isEqualTo(IMAGE.toString());
  }
}
