package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static ManifestInfo parse(
      String json, @org.jspecify.annotations.Nullable String contentType) {
    return ManifestInfo.parse(JSON, json.getBytes(StandardCharsets.UTF_8), contentType);
  }

  @Test
  void imageManifestListsConfigAndDistributableLayers() {
    ManifestInfo info =
        parse(
            TestRegistry.fmt(
                """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":2},
             "layers":[{"mediaType":"l","digest":"%s","size":3},
                       {"mediaType":"f","digest":"sha256:%s","size":4,"urls":["https://x"]}]}
            """,
                A, B, "c".repeat(64)),
            null);
    assertThat(info.index()).isFalse();
    assertThat(info.blobs()).containsExactly(Digest.parse(A), Digest.parse(B));
    assertThat(info.artifactType()).isEqualTo("application/vnd.oci.image.config.v1+json");
    assertThat(info.subject()).isNull();
  }

  @Test
  void indexListsManifestsAndKeepsArtifactTypeAndAnnotations() {
    ManifestInfo info =
        parse(
            TestRegistry.fmt(
                """
            {"schemaVersion":2,"manifests":[{"mediaType":"m","digest":"%s","size":1}],
             "artifactType":"application/x","annotations":{"k":"v"},
             "subject":{"mediaType":"m","digest":"%s","size":9}}
            """,
                A, B),
            "application/vnd.oci.image.index.v1+json");
    assertThat(info.index()).isTrue();
    assertThat(info.manifests()).containsExactly(Digest.parse(A));
    assertThat(info.artifactType()).isEqualTo("application/x");
    assertThat(info.annotations()).containsEntry("k", "v");
    assertThat(info.subject()).isNotNull();
    assertThat(java.util.Objects.requireNonNull(info.subject()).digest())
        .isEqualTo(Digest.parse(B));
  }

  @Test
  void invalidManifestsAreRefusedWithTheReason() {
    String[][] cases = {
      {"[]", "not a JSON object"},
      {"{\"schemaVersion\":1}", "schemaVersion must be 2"},
      {"{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}", "is not an OCI or Docker"},
      {"{\"schemaVersion\":2,\"layers\":[]}", "has no config"},
      {
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"c\",\"digest\":\"x\",\"size\":1},\"layers\":[]}",
        "config: "
      },
      {
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"c\",\"digest\":\""
            + A
            + "\",\"size\":-1},\"layers\":[]}",
        "non-negative"
      },
      {"{\"schemaVersion\":2,\"manifests\":{}}", "not an array"},
      {"{\"schemaVersion\":2,\"manifests\":[],\"annotations\":{\"a\":1}}", "not a string"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0], null))
          .as(c[0])
          .isInstanceOfSatisfying(
              DistributionException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID))
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void mediaTypeMustMatchContentType() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}",
                    "application/vnd.oci.image.manifest.v1+json"))
        .hasMessageContaining("differs from Content-Type");
  }
}
