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
