package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Digest;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import dev.drydock.trust.Environment;
import dev.drydock.trust.KeyAlgorithm;
import dev.drydock.trust.KeyMetadata;
import dev.drydock.trust.RegistrySignatureStore;
import dev.drydock.trust.SigningKeys;
import dev.drydock.trust.TrustedKey;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust gate against signatures made by real cosign (containers/image's golden vectors, see
 * {@code gates/cosign/ATTRIBUTION.md}), attached as cosign attaches them: a {@code .sig} tag. The
 * signed image's layers are not part of the vectors, so its manifest is put into the stores
 * directly; everything the gate reads then comes from the registry's storage.
 */
class CosignFixturesTest {
  private static final String REPO = "cosign-signed-single-sample";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path data;

  private final AtomicReference<List<TrustedKey>> keyring = new AtomicReference<>(List.of());

  @Test
  void realCosignSignaturesPassWithTheirKeyOnly() throws Exception {
    try (GatedRegistry g = start()) {
      Digest digest = store(g, "valid", "v1");
      attach(g.registry, digest, "valid");

      keyring.set(List.of(key("cosign.pub", Environment.PROD)));
      assertThat(g.registry.get("/v2/" + REPO + "/manifests/v1").statusCode()).isEqualTo(200);

      keyring.set(List.of(key("cosign2.pub", Environment.PROD)));
      HttpResponse<byte[]> other = g.registry.get("/v2/" + REPO + "/manifests/v1");
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(text(other)).contains("signed by a key the registry does not trust");

      keyring.set(List.of(key("cosign.pub", Environment.DEV)));
      assertThat(text(g.registry.get("/v2/" + REPO + "/manifests/v1")))
          .contains("signed only by dev key cosign.pub");
    }
  }

  @Test
  void aSignatureOverOtherManifestBytesIsBad() throws Exception {
    try (GatedRegistry g = start()) {
      keyring.set(List.of(key("cosign.pub", Environment.PROD)));
      Digest digest = store(g, "modified", "v1");
      attach(g.registry, digest, "modified");
      HttpResponse<byte[]> r = g.registry.get("/v2/" + REPO + "/manifests/v1");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(text(r)).contains("trust:prod", "has a bad signature (wrong_digest)");
    }
  }

  private GatedRegistry start() throws Exception {
    GatedRegistry g =
        GatedRegistry.start(
            data,
            s ->
                List.of(
                    new TrustPullGate(
                        keyring::get,
                        s.blobs(),
                        s.metadata(),
                        s.config().maxManifestBytes(),
                        s.clock())));
    g.project(new Project(REPO, false, new ProjectPolicy("prod", null, false, false), -1));
    return g;
  }

  /** Puts the vector's manifest into the stores, as a push would, without its (absent) blobs. */
  private static Digest store(GatedRegistry g, String vector, String tag) throws Exception {
    byte[] manifest = resource(vector + "/manifest.json");
    Digest digest = TestRegistry.sha256(manifest);
    g.stores.blobs().put(manifest, digest);
    g.stores
        .metadata()
        .putManifest(
            REPO,
            new ManifestRecord(
                digest,
                "application/vnd.docker.distribution.manifest.v2+json",
                manifest.length,
                null,
                null,
                Map.of()));
    g.stores.metadata().tag(REPO, tag, digest);
    return digest;
  }

  /** Pushes the vector's signature over HTTP as cosign does: a layer of the .sig tag. */
  private static void attach(TestRegistry r, Digest digest, String vector) throws Exception {
    byte[] wrapped = resource(vector + "/signature-1");
    String text = new String(wrapped, StandardCharsets.UTF_8);
    JsonNode sig = TestRegistry.JSON.readTree(text.substring(text.indexOf('{')));
    byte[] payload = Base64.getDecoder().decode(sig.get("payload").textValue());
    String signature = sig.get("annotations").get("dev.cosignproject.cosign/signature").textValue();
    Digest layer = r.pushBlob(REPO, payload);
    byte[] config = TestRegistry.bytes("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    Digest configDigest = r.pushBlob(REPO, config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + TestRegistry.OCI_MANIFEST
            + "\",\"config\":"
            + TestRegistry.descriptor(TestRegistry.OCI_CONFIG, configDigest, config.length)
            + ",\"layers\":[{\"mediaType\":\""
            + RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE
            + "\",\"digest\":\""
            + layer
            + "\",\"size\":"
            + payload.length
            + ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
            + signature
            + "\"}}]}";
    HttpResponse<byte[]> put =
        r.pushManifest(
            REPO,
            RegistrySignatureStore.signatureTag(digest),
            TestRegistry.OCI_MANIFEST,
            TestRegistry.bytes(manifest));
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
  }

  private static TrustedKey.Pkix key(String file, Environment environment) throws Exception {
    PublicKey key = SigningKeys.readPublicKey(file, resource(file));
    return new TrustedKey.Pkix(
        new KeyMetadata(
            file,
            SigningKeys.keyId(key),
            KeyAlgorithm.ECDSA_P256,
            environment,
            T0.minusSeconds(86400),
            T0.plusSeconds(86400 * 365),
            null),
        key);
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = CosignFixturesTest.class.getResourceAsStream("/gates/cosign/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }
}
