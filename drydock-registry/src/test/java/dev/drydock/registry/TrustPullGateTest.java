package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.oci.RegistryCredentials;
import dev.drydock.oci.RegistryOptions;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.ImageSigning;
import dev.drydock.trust.KdfStrength;
import dev.drydock.trust.KeyAlgorithm;
import dev.drydock.trust.RegistrySignatureStore;
import dev.drydock.trust.Signer;
import dev.drydock.trust.TrustKeys;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust gate with real keys from drydock-trust's key store, and signatures made by its signing
 * code and attached over HTTP by its {@link RegistrySignatureStore}, exactly as {@code drydock
 * sign} and {@code drydock promote} attach them.
 */
class TrustPullGateTest {
  private static final char[] PASSWORD = "test password".toCharArray();
  private static final ProjectPolicy PROD_TRUST = new ProjectPolicy("prod", null, false, false);
  private static final ProjectPolicy DEV_TRUST = new ProjectPolicy("dev", null, false, false);

  @TempDir Path data;
  @TempDir Path keyDir;

  private final MutableClock clock =
      new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  private TrustKeys keys;

  @BeforeEach
  void keys() throws Exception {
    keys = new TrustKeys(keyDir, clock, new SecureRandom());
    for (String name : List.of("ci")) {
      keys.generate(
          name,
          Environment.DEV,
          KeyAlgorithm.ECDSA_P256,
          Duration.ofDays(365),
          PASSWORD,
          KdfStrength.LEGACY);
    }
    for (String name : List.of("release", "old")) {
      keys.generate(
          name,
          Environment.PROD,
          KeyAlgorithm.ECDSA_P256,
          Duration.ofDays(365),
          PASSWORD,
          KdfStrength.LEGACY);
    }
  }

  private GatedRegistry start() throws Exception {
    GatedRegistry g =
        GatedRegistry.start(
            data,
            s ->
                List.of(
                    new TrustPullGate(
                        TrustPullGate.Keyring.of(keys),
                        s.blobs(),
                        s.metadata(),
                        s.config().maxManifestBytes(),
                        clock)));
    g.project(new Project("prod", false, PROD_TRUST, -1));
    g.project(new Project("dev", false, DEV_TRUST, -1));
    return g;
  }

  private void sign(
      GatedRegistry g,
      String repository,
      Digest digest,
      Environment env,
      String key,
      boolean bundle)
      throws Exception {
    Signer signer = keys.signer(env, key, PASSWORD);
    ImageRef image =
        ImageRef.parse(g.registry.base.getAuthority() + "/" + repository + "@" + digest);
    ImageSigning signing = new ImageSigning(clock);
    ImageSignature signature =
        bundle
            ? signing.cosignBundle(digest, signer)
            : signing.cosignSimpleSigning(image, digest, Map.of(), signer);
    RegistrySignatureStore store =
        new RegistrySignatureStore(
            new RegistryOptions(
                RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(10)),
            clock);
    store.append(image, digest, signature);
  }

  @Test
  void prodRequiresAValidProdSignature() throws Exception {
    try (GatedRegistry g = start()) {
      TestRegistry r = g.registry;
      Digest digest = r.pushImage("prod/app", "v1", bytes("layer")).digest();

      HttpResponse<byte[]> unsigned = r.get("/v2/prod/app/manifests/v1");
      assertThat(unsigned.statusCode()).isEqualTo(403);
      assertThat(text(unsigned))
          .contains(
              "trust:prod",
              "image " + digest + " has no signature: sign it with a prod key (drydock promote)");

      sign(g, "prod/app", digest, Environment.DEV, "ci", true);
      HttpResponse<byte[]> devOnly = r.get("/v2/prod/app/manifests/v1");
      assertThat(devOnly.statusCode()).isEqualTo(403);
      assertThat(text(devOnly)).contains("signed only by dev key ci", "drydock promote");

      sign(g, "prod/app", digest, Environment.PROD, "release", true);
      assertThat(r.get("/v2/prod/app/manifests/v1").statusCode()).isEqualTo(200);
      assertThat(r.get("/v2/prod/app/manifests/" + digest).statusCode()).isEqualTo(200);
      // the signatures themselves stay readable for verifiers
      HttpResponse<byte[]> referrers = r.get("/v2/prod/app/referrers/" + digest);
      String referrer =
          TestRegistry.json(referrers).get("manifests").get(0).get("digest").textValue();
      assertThat(r.get("/v2/prod/app/manifests/" + referrer).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void legacySigTagsCountAndTheSignedRepositoryMustMatch() throws Exception {
    try (GatedRegistry g = start()) {
      TestRegistry r = g.registry;
      Digest digest = r.pushImage("prod/app", "v1", bytes("layer")).digest();
      r.pushImage("prod/other", "v1", bytes("layer"));
      sign(g, "prod/app", digest, Environment.PROD, "release", false);
      assertThat(r.get("/v2/prod/app/manifests/v1").statusCode()).isEqualTo(200);
      assertThat(r.get("/v2/prod/app/manifests/sha256-" + digest.hex() + ".sig").statusCode())
          .isEqualTo(200);

      // the same payload and signature copied to another repository name the wrong repository
      HttpResponse<byte[]> sig = r.get("/v2/prod/app/manifests/sha256-" + digest.hex() + ".sig");
      copySigTag(r, sig.body(), "prod/app", "prod/other", digest);
      HttpResponse<byte[]> other = r.get("/v2/prod/other/manifests/v1");
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(text(other)).contains("trust:prod", "wrong_identity");
    }
  }

  private static void copySigTag(
      TestRegistry r, byte[] manifest, String from, String to, Digest digest) throws Exception {
    var root = TestRegistry.JSON.readTree(manifest);
    List<String> blobs = new java.util.ArrayList<>();
    blobs.add(root.get("config").get("digest").textValue());
    root.get("layers").forEach(l -> blobs.add(l.get("digest").textValue()));
    for (String blob : blobs) {
      HttpResponse<byte[]> mount =
          r.send(
              "POST", "/v2/" + to + "/blobs/uploads/?mount=" + blob + "&from=" + from, new byte[0]);
      assertThat(mount.statusCode()).as(text(mount)).isEqualTo(201);
    }
    HttpResponse<byte[]> put =
        r.pushManifest(to, "sha256-" + digest.hex() + ".sig", TestRegistry.OCI_MANIFEST, manifest);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
  }

  @Test
  void revokedAndUntrustedKeysAreNamed() throws Exception {
    try (GatedRegistry g = start()) {
      TestRegistry r = g.registry;
      Digest digest = r.pushImage("prod/app", "v1", bytes("layer")).digest();
      sign(g, "prod/app", digest, Environment.PROD, "old", true);
      assertThat(r.get("/v2/prod/app/manifests/v1").statusCode()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(1));
      keys.revoke(Environment.PROD, "old");
      HttpResponse<byte[]> revoked = r.get("/v2/prod/app/manifests/v1");
      assertThat(revoked.statusCode()).isEqualTo(403);
      assertThat(text(revoked)).contains("is signed by a revoked key", "old");

      // a key from another store: the registry does not trust it
      TrustKeys stranger = new TrustKeys(data.resolve("stranger"), clock, new SecureRandom());
      stranger.generate(
          "release",
          Environment.PROD,
          KeyAlgorithm.ECDSA_P256,
          Duration.ofDays(1),
          PASSWORD,
          KdfStrength.LEGACY);
      Digest second = r.pushImage("prod/app", "v2", bytes("second")).digest();
      ImageSignature forged =
          new ImageSigning(clock)
              .cosignBundle(second, stranger.signer(Environment.PROD, "release", PASSWORD));
      new RegistrySignatureStore(
              new RegistryOptions(
                  RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(10)),
              clock)
          .append(ImageRef.parse(r.base.getAuthority() + "/prod/app@" + second), second, forged);
      HttpResponse<byte[]> untrusted = r.get("/v2/prod/app/manifests/v2");
      assertThat(untrusted.statusCode()).isEqualTo(403);
      assertThat(text(untrusted)).contains("signed by a key the registry does not trust");
    }
  }

  @Test
  void junkReferrersCannotCrowdOutTheRealSignatureWithinTheBound() throws Exception {
    try (GatedRegistry g = start()) {
      TestRegistry r = g.registry;
      TestRegistry.Pushed image = r.pushImage("prod/app", "v1", bytes("layer"));
      sign(g, "prod/app", image.digest(), Environment.PROD, "release", true);
      assertThat(r.get("/v2/prod/app/manifests/v1").statusCode()).isEqualTo(200);
      String real =
          TestRegistry.json(r.get("/v2/prod/app/referrers/" + image.digest()))
              .get("manifests")
              .get(0)
              .get("digest")
              .textValue();

      // referrers are read in digest order: junk bundles that sort before the real one are read
      // first. Each parses and has a readable bundle layer, so a per-kind cap on signatures
      // found (not on entries examined) would stop before the real one.
      int beforeCap = LocalSignatures.MAX_EXAMINED / 2;
      List<byte[]> junk = junkReferrers(r, image, real, LocalSignatures.MAX_EXAMINED + 20);
      for (byte[] manifest : junk.subList(0, beforeCap)) {
        pushReferrer(r, manifest);
      }
      HttpResponse<byte[]> crowded = r.get("/v2/prod/app/manifests/v1");
      assertThat(crowded.statusCode()).as(text(crowded)).isEqualTo(200);

      // beyond the bound the gate stops reading and refuses: it fails closed, never open
      for (byte[] manifest : junk.subList(beforeCap, junk.size())) {
        pushReferrer(r, manifest);
      }
      HttpResponse<byte[]> flooded = r.get("/v2/prod/app/manifests/v1");
      assertThat(flooded.statusCode()).isEqualTo(403);
      assertThat(text(flooded)).contains("trust:prod");
    }
  }

  /** {@return {@code count} bundle referrers of {@code image} whose digests sort before limit} */
  private static List<byte[]> junkReferrers(
      TestRegistry r, TestRegistry.Pushed image, String limit, int count) throws Exception {
    byte[] junkBundle = bytes("{\"mediaType\":\"junk\"}");
    Digest layer = r.pushBlob("prod/app", junkBundle);
    Digest empty = r.pushBlob("prod/app", bytes("{}"));
    List<byte[]> out = new java.util.ArrayList<>();
    for (int nonce = 0; out.size() < count && nonce < 4_000_000; nonce++) {
      byte[] manifest =
          bytes(
              "{\"schemaVersion\":2,\"mediaType\":\""
                  + TestRegistry.OCI_MANIFEST
                  + "\",\"artifactType\":\""
                  + RegistrySignatureStore.BUNDLE_MEDIA_TYPE
                  + "\",\"config\":"
                  + TestRegistry.descriptor("application/vnd.oci.empty.v1+json", empty, 2)
                  + ",\"layers\":["
                  + TestRegistry.descriptor(
                      RegistrySignatureStore.BUNDLE_MEDIA_TYPE, layer, junkBundle.length)
                  + "],\"subject\":"
                  + TestRegistry.descriptor(
                      TestRegistry.OCI_MANIFEST, image.digest(), image.bytes().length)
                  + ",\"annotations\":{\"n\":\""
                  + nonce
                  + "\"}}");
      if (TestRegistry.sha256(manifest).toString().compareTo(limit) < 0) {
        out.add(manifest);
      }
    }
    assertThat(out).hasSize(count);
    return out;
  }

  private static void pushReferrer(TestRegistry r, byte[] manifest) throws Exception {
    HttpResponse<byte[]> put =
        r.pushManifest(
            "prod/app",
            TestRegistry.sha256(manifest).toString(),
            TestRegistry.OCI_MANIFEST,
            manifest);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
  }

  @Test
  void devProjectsAcceptDevSignatures() throws Exception {
    try (GatedRegistry g = start()) {
      TestRegistry r = g.registry;
      Digest digest = r.pushImage("dev/app", "v1", bytes("layer")).digest();
      assertThat(text(r.get("/v2/dev/app/manifests/v1")))
          .contains("trust:dev", "has no signature: sign it with a dev key (drydock sign)");
      sign(g, "dev/app", digest, Environment.DEV, "ci", false);
      assertThat(r.get("/v2/dev/app/manifests/v1").statusCode()).isEqualTo(200);
    }
  }
}
