package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.ImageIndex;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.testkit.ReferenceRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sigstore-js ({@code @sigstore/oci@0.6.0}, the cosign v3 attachment client that runs here)
 * attaches a bundle to an image in Debian's docker-registry 2.8.2; drydock's {@link
 * RegistrySignatureStore} finds it through the referrers tag, verifies it, and appends its own
 * bundle to the same tag without losing sigstore-js's entry. Needs node, npm and the npm registry.
 */
class RegistrySigstoreJsIT {
  private static final String USER = "js";
  private static final String PASSWORD = "Drydock-Js-Pass-1";

  @TempDir static Path node;
  @TempDir Path tmp;
  private static ReferenceRegistry registry;
  private static RegistryClient client;

  @BeforeAll
  static void start() throws Exception {
    Files.write(
        node.resolve("sigstore-attach.js"),
        Fixtures.bytes("/dev/drydock/trust/sigstore-attach.js"));
    Processes.Result install =
        Processes.run(
            node,
            List.of(
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "@sigstore/oci@0.6.0",
                "promise-retry"));
    assertThat(install.exitCode()).as(install.output()).isZero();
    registry =
        ReferenceRegistry.start(
            node.resolve("registry"), ReferenceRegistry.Options.basicAuth(USER, PASSWORD));
    client =
        new RegistryClient(
            registry.hostPort(),
            new RegistryOptions(
                RegistryCredentials.basic(USER, PASSWORD), null, true, Duration.ofSeconds(30)));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aBundleAttachedBySigstoreJs_isReadAndVerified_andDrydockAppendsBesideIt() throws Exception {
    ImageRef image = RegistrySignatureStoreIT.pushImage(client, registry.hostPort(), "js/app");
    Digest digest = Objects.requireNonNull(image.digest());
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TrustKeys keys = new TrustKeys(tmp.resolve("keys"), clock, new SecureRandom());
    keys.generate(
        "ci",
        Environment.DEV,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(1),
        new char[0],
        KdfStrength.LEGACY);
    Signer dev = keys.signer(Environment.DEV, "ci", new char[0]);
    ImageSigning signing = new ImageSigning(clock);
    Files.write(tmp.resolve("bundle.json"), signing.cosignBundle(digest, dev).bytes());

    Processes.Result attached =
        Processes.run(
            node,
            List.of(
                "node",
                "sigstore-attach.js",
                registry.hostPort() + "/js/app",
                digest.toString(),
                tmp.resolve("bundle.json").toString(),
                USER,
                PASSWORD));
    assertThat(attached.exitCode()).as(attached.output() + registry.logTail()).isZero();

    RegistrySignatureStore store = new RegistrySignatureStore(host -> client, clock);
    SignatureVerifier verifier =
        new SignatureVerifier(List.of(new TrustedKey.Pkix(dev.metadata(), dev.publicKey())), clock);
    List<ImageSignature> read = store.read(image, digest);
    assertThat(read)
        .singleElement()
        .extracting(ImageSignature::format)
        .isEqualTo(SignatureFormat.COSIGN_BUNDLE);
    assertThat(verifier.verify(image, digest, read.get(0)).keyName()).isEqualTo("ci");

    store.append(image, digest, signing.cosignBundle(digest, dev));
    assertThat(store.read(image, digest)).hasSize(2);
    ImageIndex tag = ImageIndex.parse(client.manifest("js/app", "sha256-" + digest.hex()).bytes());
    assertThat(tag.manifests())
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.artifactType()).isEqualTo(RegistrySignatureStore.BUNDLE_MEDIA_TYPE);
              assertThat(d.annotations())
                  .containsEntry(
                      "dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1");
            });
  }
}
