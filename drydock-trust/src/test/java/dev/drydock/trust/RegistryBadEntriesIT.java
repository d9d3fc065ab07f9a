package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.ImageIndex;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MediaTypes;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.testkit.ReferenceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pusher who adds broken or junk attachments (a referrer whose manifest is gone, a layer whose
 * blob does not match its descriptor, more old-dated entries than the old cap of 64) cannot hide
 * the real signatures from verification: against Debian's docker-registry (distribution 2.8, so
 * bundles live in the {@code sha256-<hex>} referrers tag, which anyone with push can rewrite).
 */
class RegistryBadEntriesIT {
  @TempDir Path tmp;
  private ReferenceRegistry registry;
  private RegistryClient client;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    registry =
        ReferenceRegistry.start(tmp.resolve("registry"), ReferenceRegistry.Options.anonymous());
    client =
        new RegistryClient(
            registry.hostPort(),
            new RegistryOptions(
                RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void badAndJunkEntries_areSkipped_andTheRealSignaturesStillVerify() throws Exception {
    ImageRef image = RegistrySignatureStoreIT.pushImage(client, registry.hostPort(), "team/app");
    Digest digest = Objects.requireNonNull(image.digest());
    TrustKeys keys = new TrustKeys(tmp.resolve("keys"), clock, new SecureRandom());
    keys.generate(
        "ci",
        Environment.DEV,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(1),
        new char[0],
        KdfStrength.LEGACY);
    Signer signer = keys.signer(Environment.DEV, "ci", new char[0]);
    ImageSigning signing = new ImageSigning(clock);
    RegistrySignatureStore store = new RegistrySignatureStore(host -> client, clock);
    store.append(image, digest, signing.cosignBundle(digest, signer));
    store.append(image, digest, signing.cosignSimpleSigning(image, digest, Map.of(), signer));

    // A blob that exists, described one byte short: its read does not match the descriptor.
    Descriptor junk = client.pushBlob("team/app", "junk".getBytes(StandardCharsets.UTF_8));
    Descriptor shortLayer =
        new Descriptor(
            RegistrySignatureStore.BUNDLE_MEDIA_TYPE,
            junk.digest(),
            junk.size() - 1,
            List.of(),
            Map.of(),
            null,
            null,
            null);
    Descriptor config =
        RegistryBundles.withType(
            client.pushBlob("team/app", RegistryBundles.EMPTY_JSON),
            MediaTypes.OCI_EMPTY,
            Map.of());
    Descriptor subject = client.manifest("team/app", "1").descriptor();

    // The referrers tag: the real entry behind 70 old-dated referrers whose bundle layer does not
    // match its blob (more than the old cap of 64), and one whose manifest is deleted (404).
    String fallback = "sha256-" + digest.hex();
    List<Descriptor> entries = new ArrayList<>();
    for (int i = 0; i <= 70; i++) {
      byte[] bad =
          new ImageManifest(
                  MediaTypes.OCI_MANIFEST,
                  RegistrySignatureStore.BUNDLE_MEDIA_TYPE,
                  config,
                  List.of(shortLayer),
                  subject,
                  Map.of("n", String.valueOf(i)))
              .toJson();
      Digest d =
          client
              .pushManifest("team/app", sha256(bad).toString(), MediaTypes.OCI_MANIFEST, bad)
              .digest();
      entries.add(entry(d, bad.length));
    }
    entries.addAll(ImageIndex.parse(client.manifest("team/app", fallback).bytes()).manifests());
    client.pushManifest(
        "team/app",
        fallback,
        MediaTypes.OCI_INDEX,
        new ImageIndex(MediaTypes.OCI_INDEX, null, entries, null, Map.of()).toJson());
    client.deleteManifest("team/app", entries.get(70).digest());
    assertThatThrownBy(() -> client.manifest("team/app", entries.get(70).digest().toString()))
        .hasMessageContaining("404");

    // The signature tag: a mismatching layer before the real one.
    String sigTag = RegistrySignatureStore.signatureTag(digest);
    ImageManifest sig = ImageManifest.parse(client.manifest("team/app", sigTag).bytes());
    List<Descriptor> layers = new ArrayList<>();
    layers.add(
        new Descriptor(
            RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE,
            junk.digest(),
            junk.size() - 1,
            List.of(),
            Map.of(ImageSignature.COSIGN_SIGNATURE_ANNOTATION, "AAAA"),
            null,
            null,
            null));
    layers.addAll(sig.layers());
    client.pushManifest(
        "team/app",
        sigTag,
        MediaTypes.OCI_MANIFEST,
        new ImageManifest(MediaTypes.OCI_MANIFEST, null, sig.config(), layers, null, Map.of())
            .toJson());

    List<ImageSignature> read = store.read(image, digest);

    assertThat(read)
        .extracting(ImageSignature::format)
        .containsExactly(SignatureFormat.COSIGN_SIMPLE_SIGNING, SignatureFormat.COSIGN_BUNDLE);
    SignatureVerifier verifier =
        new SignatureVerifier(
            List.of(new TrustedKey.Pkix(signer.metadata(), signer.publicKey())), clock);
    assertThat(read)
        .extracting(s -> verifier.verify(image, digest, s).keyName())
        .containsOnly("ci");
  }

  @Test
  void blobDigests_useTheDescriptorsAlgorithm() throws Exception {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    assertThat(RegistryBundles.digest("sha512", data, "x").hex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)))
        .startsWith("ddaf35a193617aba");
    assertThat(RegistryBundles.digest("sha256", data, "x").hex()).startsWith("ba7816bf8f01cfea");
    assertThatThrownBy(() -> RegistryBundles.digest("md5", data, "blob x"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("blob x")
        .hasMessageContaining("md5");
  }

  private static Descriptor entry(Digest digest, long size) {
    return new Descriptor(
        MediaTypes.OCI_MANIFEST,
        digest,
        size,
        List.of(),
        Map.of(RegistryBundles.CREATED, "1970-01-01T00:00:00Z"),
        null,
        null,
        RegistrySignatureStore.BUNDLE_MEDIA_TYPE);
  }

  private static Digest sha256(byte[] data) throws Exception {
    return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
