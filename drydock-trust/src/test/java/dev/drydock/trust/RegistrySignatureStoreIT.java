package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.ImageIndex;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MediaTypes;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.testkit.ReferenceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RegistrySignatureStore} against Debian's docker-registry (CNCF distribution 2.8.2, which
 * has no referrers API, so bundles go through the {@code sha256-<hex>} referrers tag), a fresh
 * registry per test. The contract's digest names no manifest in the registry, so for the contract
 * the subject descriptor is made up; the other tests sign a real pushed image.
 */
class RegistrySignatureStoreIT extends SignatureStoreContract {
  private static final String USER = "signer";
  private static final String PASSWORD = "Drydock-Sign-Pass-1";

  @TempDir Path tmp;
  private ReferenceRegistry registry;
  private RegistryClient client;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    registry =
        ReferenceRegistry.start(
            tmp.resolve("registry"), ReferenceRegistry.Options.basicAuth(USER, PASSWORD));
    client =
        new RegistryClient(
            registry.hostPort(),
            new RegistryOptions(
                RegistryCredentials.basic(USER, PASSWORD), null, true, Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Override
  SignatureStore store() {
    return new RegistrySignatureStore(
        host -> client,
        clock,
        new LookasideSignatureStore(tmp.resolve("lookaside")),
        (c, repo, d) -> Optional.of(Descriptor.of(MediaTypes.OCI_MANIFEST, d, 2)));
  }

  /** Pushes a small image and {@return its reference by tag, with the digest} */
  private ImageRef pushImage(String repository) throws Exception {
    return pushImage(client, registry.hostPort(), repository);
  }

  /** Pushes a one-layer image with {@code client} and {@return its reference with the digest} */
  static ImageRef pushImage(RegistryClient client, String host, String repository)
      throws Exception {
    Descriptor layer = client.pushBlob(repository, "layer bytes".getBytes(StandardCharsets.UTF_8));
    Descriptor config =
        client.pushBlob(
            repository,
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8));
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            null,
            retype(config, MediaTypes.OCI_CONFIG),
            List.of(retype(layer, MediaTypes.OCI_LAYER)),
            null,
            Map.of());
    Digest digest =
        client.pushManifest(repository, "1", MediaTypes.OCI_MANIFEST, manifest.toJson()).digest();
    return new ImageRef(host, repository, "1", digest);
  }

  private static Descriptor retype(Descriptor d, String mediaType) {
    return Descriptor.of(mediaType, d.digest(), d.size());
  }

  private Signer signer(Environment environment, String name) throws Exception {
    TrustKeys keys = new TrustKeys(tmp.resolve("keys"), clock, new SecureRandom());
    keys.generate(
        name,
        environment,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(1),
        new char[0],
        KdfStrength.LEGACY);
    return keys.signer(environment, name, new char[0]);
  }

  @Test
  void signaturesWrittenToTheRegistry_verifyWhenReadBack_inTheCosignLayout() throws Exception {
    ImageRef image = pushImage("team/app");
    Digest digest = java.util.Objects.requireNonNull(image.digest());
    Signer dev = signer(Environment.DEV, "ci");
    Signer prod = signer(Environment.PROD, "rel");
    ImageSigning signing = new ImageSigning(clock);
    RegistrySignatureStore store = new RegistrySignatureStore(host -> client, clock);

    store.append(image, digest, signing.cosignBundle(digest, dev));
    clock.advance(Duration.ofMinutes(1));
    store.append(image, digest, signing.cosignBundle(digest, prod));
    store.append(image, digest, signing.cosignSimpleSigning(image, digest, Map.of(), dev));
    store.append(image, digest, signing.cosignSimpleSigning(image, digest, Map.of("a", "b"), prod));

    List<ImageSignature> read =
        new RegistrySignatureStore(host -> client, clock).read(image.withDigest(digest), digest);
    assertThat(read)
        .extracting(ImageSignature::format)
        .containsExactly(
            SignatureFormat.COSIGN_SIMPLE_SIGNING,
            SignatureFormat.COSIGN_SIMPLE_SIGNING,
            SignatureFormat.COSIGN_BUNDLE,
            SignatureFormat.COSIGN_BUNDLE);
    SignatureVerifier verifier =
        new SignatureVerifier(
            List.of(
                new TrustedKey.Pkix(dev.metadata(), dev.publicKey()),
                new TrustedKey.Pkix(prod.metadata(), prod.publicKey())),
            clock);
    assertThat(read)
        .extracting(s -> verifier.verify(image, digest, s).keyName())
        .containsExactly("ci", "rel", "ci", "rel");

    // The layout cosign v3 and sigstore-js write and read.
    ImageIndex fallback =
        ImageIndex.parse(client.manifest("team/app", "sha256-" + digest.hex()).bytes());
    assertThat(fallback.manifests()).hasSize(2);
    Descriptor entry = fallback.manifests().get(0);
    assertThat(entry.artifactType()).isEqualTo(RegistrySignatureStore.BUNDLE_MEDIA_TYPE);
    assertThat(entry.annotations())
        .containsEntry("dev.sigstore.bundle.content", "dsse-envelope")
        .containsEntry("dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1")
        .containsEntry("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
    ImageManifest referrer =
        ImageManifest.parse(client.manifest("team/app", entry.digest().toString()).bytes());
    assertThat(referrer.config().mediaType()).isEqualTo(MediaTypes.OCI_EMPTY);
    assertThat(referrer.config().digest().hex())
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(referrer.layers())
        .singleElement()
        .extracting(Descriptor::mediaType)
        .isEqualTo(RegistrySignatureStore.BUNDLE_MEDIA_TYPE);
    assertThat(referrer.subject()).isEqualTo(client.manifest("team/app", "1").descriptor());
    ImageManifest sig =
        ImageManifest.parse(
            client.manifest("team/app", RegistrySignatureStore.signatureTag(digest)).bytes());
    assertThat(sig.layers())
        .hasSize(2)
        .allSatisfy(
            l -> {
              assertThat(l.mediaType()).isEqualTo(RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE);
              assertThat(l.annotations()).containsKey(ImageSignature.COSIGN_SIGNATURE_ANNOTATION);
            });
  }

  @Test
  void aSignatureByAnUntrustedKey_isReadButDoesNotVerify() throws Exception {
    ImageRef image = pushImage("team/other");
    Digest digest = java.util.Objects.requireNonNull(image.digest());
    Signer dev = signer(Environment.DEV, "ci");
    Signer prod = signer(Environment.PROD, "rel");
    RegistrySignatureStore store = new RegistrySignatureStore(host -> client, clock);
    store.append(image, digest, new ImageSigning(clock).cosignBundle(digest, dev));

    ImageSignature read = store.read(image, digest).get(0);

    SignatureVerifier prodOnly =
        new SignatureVerifier(
            List.of(new TrustedKey.Pkix(prod.metadata(), prod.publicKey())), clock);
    assertThatThrownBy(() -> prodOnly.verify(image, digest, read))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void openPgpWithoutLookaside_andAnImageNotInTheRegistry_areRefused() throws Exception {
    RegistrySignatureStore store = new RegistrySignatureStore(host -> client, clock);
    ImageRef image = ImageRef.parse(registry.hostPort() + "/team/app:1");
    assertThatThrownBy(() -> store.append(image, DIGEST, ImageSignature.openPgp(new byte[] {1})))
        .isInstanceOf(TrustException.class)
        .hasMessageContaining("lookaside");
    assertThatThrownBy(
            () ->
                store.append(
                    image,
                    DIGEST,
                    ImageSignature.cosignBundle("{}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(TrustException.class)
        .hasMessageContaining("push the image");
    assertThat(store.read(image, DIGEST)).isEmpty();
  }
}
