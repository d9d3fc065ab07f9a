package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.ImageDetails;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.trust.Environment;
import dev.drydock.trust.ImageSigning;
import dev.drydock.trust.KdfStrength;
import dev.drydock.trust.KeyAlgorithm;
import dev.drydock.trust.LookasideSignatureStore;
import dev.drydock.trust.TrustKeys;
import dev.drydock.trust.TrustPolicy;
import dev.drydock.trust.TrustedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signature status from real signatures in a lookaside directory, checked by a real policy. */
class TrustCheckTest {
  private static final char[] PW = "pw".toCharArray();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String REPO = "registry.example/team/app";

  @TempDir static Path data;
  @TempDir static Path lookaside;
  private static TrustKeys keys;
  private static TrustCheck check;

  @BeforeAll
  static void keysAndPolicy() throws Exception {
    keys = new TrustKeys(data, CLOCK, new SecureRandom());
    keys.generate(
        "ci",
        Environment.DEV,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(30),
        PW,
        KdfStrength.LEGACY);
    keys.generate(
        "release",
        Environment.PROD,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(30),
        PW,
        KdfStrength.LEGACY);
    List<TrustedKey> all = new ArrayList<>(keys.trustedKeys(Environment.DEV));
    all.addAll(keys.trustedKeys(Environment.PROD));
    String yaml =
        """
        version: 1
        scopes:
          - match: "registry.example/team/**"
            environment: dev
            require:
              - keys: [ci]
          - match: "registry.example/team/**"
            environment: prod
            require:
              - keys: [release]
        """;
    TrustPolicy policy =
        TrustPolicy.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8), all, CLOCK);
    check = new TrustCheck(policy, new LookasideSignatureStore(lookaside), "policy.yaml");
  }

  private static Digest digest(char c) {
    return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
  }

  private static void sign(Digest d, Environment env, String key) throws Exception {
    ImageRef ref = ImageRef.parse(REPO + "@" + d);
    new LookasideSignatureStore(lookaside)
        .append(ref, d, new ImageSigning(CLOCK).cosignBundle(d, keys.signer(env, key, PW)));
  }

  private static ImageDetails image(List<String> repoDigests) {
    return new ImageDetails(
        "sha256:" + "f".repeat(64),
        List.of(REPO + ":1"),
        repoDigests,
        CLOCK.instant(),
        "",
        false,
        List.of(),
        List.of(),
        Map.of(),
        List.of(),
        "linux",
        "amd64");
  }

  @Test
  void prodSignature_signedProd() throws Exception {
    sign(digest('a'), Environment.PROD, "release");
    SignatureStatus s = check.check(image(List.of(REPO + "@" + digest('a'))));
    assertThat(s.state()).isEqualTo(SignatureStatus.State.SIGNED_PROD);
    assertThat(s.detail()).contains("release");
  }

  @Test
  void devSignatureOnly_signedDev() throws Exception {
    sign(digest('b'), Environment.DEV, "ci");
    SignatureStatus s = check.check(image(List.of(REPO + "@" + digest('b'))));
    assertThat(s.state()).isEqualTo(SignatureStatus.State.SIGNED_DEV);
  }

  @Test
  void noSignature_orNoDigest_unsignedWithTheReason() {
    SignatureStatus none = check.check(image(List.of(REPO + "@" + digest('c'))));
    assertThat(none.state()).isEqualTo(SignatureStatus.State.UNSIGNED);
    assertThat(none.detail()).contains("NO_SIGNATURE");
    SignatureStatus local = check.check(image(List.of()));
    assertThat(local.state()).isEqualTo(SignatureStatus.State.UNSIGNED);
    assertThat(local.detail()).contains("never pushed");
    SignatureStatus odd = check.check(image(List.of("NOT A REFERENCE")));
    assertThat(odd.detail()).contains("unreadable repository digest");
  }
}
