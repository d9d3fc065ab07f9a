package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecGoldenTest {
  static byte[] golden(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(CodecGoldenTest.class.getResourceAsStream("golden/" + name), name)) {
      return in.readAllBytes();
    }
  }

  private static String trimmed(String name) throws IOException {
    return new String(golden(name), StandardCharsets.UTF_8).strip();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"oci-manifest.json", "docker-manifest.json", "oci-artifact-manifest.json"})
  void manifest_roundTripsByteForByte(String name) throws Exception {
    ImageManifest m = ImageManifest.parse(golden(name));

    assertThat(new String(m.toJson(), StandardCharsets.UTF_8)).isEqualTo(trimmed(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"oci-index.json", "oci-index-multi.json", "docker-manifest-list.json"})
  void index_roundTripsByteForByte(String name) throws Exception {
    ImageIndex index = ImageIndex.parse(golden(name));

    assertThat(new String(index.toJson(), StandardCharsets.UTF_8)).isEqualTo(trimmed(name));
  }

  @Test
  void config_fromSkopeo_roundTripsByteForByte() throws Exception {
    ImageConfig c = ImageConfig.parse(golden("oci-config.json"));

    assertThat(new String(c.toJson(), StandardCharsets.UTF_8))
        .isEqualTo(trimmed("oci-config.json"));
  }

  @Test
  void manifest_fields() throws Exception {
    ImageManifest m = ImageManifest.parse(golden("oci-artifact-manifest.json"));

    assertThat(m.artifactType()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(m.config().data()).isEqualTo("e30=");
    assertThat(m.config().size()).isEqualTo(2);
    assertThat(m.subject()).isNotNull();
    assertThat(m.annotations()).containsEntry("dev.sigstore.bundle.content", "dsse-envelope");
    assertThat(m.layers()).singleElement().extracting(Descriptor::size).isEqualTo(4242L);
    assertThat(ImageManifest.parse(golden("docker-manifest.json")).effectiveMediaType())
        .isEqualTo(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void index_findsPlatform() throws Exception {
    ImageIndex list = ImageIndex.parse(golden("docker-manifest-list.json"));

    assertThat(list.find(Platform.of("linux", "arm64")).orElseThrow().platform())
        .hasToString("linux/arm64/v8");
    assertThat(list.find(Platform.of("linux", "s390x"))).isEmpty();
    assertThat(ImageIndex.parse(golden("oci-index.json")).manifests().getFirst().annotations())
        .containsEntry("org.opencontainers.image.ref.name", "bb");
  }

  @Test
  void dockerConfig_readsRunConfigAndDiffIds() throws Exception {
    ImageConfig c = ImageConfig.parse(golden("docker-config.json"));

    assertThat(c.os()).isEqualTo("linux");
    assertThat(c.architecture()).isEqualTo("amd64");
    ImageConfig.RunConfig run = Objects.requireNonNull(c.config());
    assertThat(run.cmd()).containsExactly("/bin/sh");
    assertThat(run.entrypoint()).isNull();
    assertThat(run.user()).isNull();
    assertThat(run.labels()).containsEntry("dev.drydock.testkit.key", "busybox-1");
    assertThat(c.diffIds())
        .containsExactly(
            Digest.parse(
                "sha256:4749be8506f3e7672e07a5cf6daabedc2beecaecac2677b53c9ae0dee3b2160a"));
    assertThat(c.history())
        .singleElement()
        .extracting(ImageConfig.History::comment)
        .isEqualTo("Imported from -");
  }

  @Test
  void fullConfig_parsesEveryFieldAndEncodesCanonically() throws Exception {
    ImageConfig c = ImageConfig.parse(golden("config-full.json"));

    ImageConfig.RunConfig r = Objects.requireNonNull(c.config());
    assertThat(r.user()).isEqualTo("app:app");
    assertThat(r.exposedPorts()).containsExactly("8080/tcp", "53/udp");
    assertThat(r.volumes()).containsExactly("/data");
    assertThat(r.workingDir()).isEqualTo("/app");
    assertThat(r.stopSignal()).isEqualTo("SIGTERM");
    ImageConfig.Healthcheck hc = Objects.requireNonNull(r.healthcheck());
    assertThat(hc.retries()).isEqualTo(3);
    assertThat(hc.intervalNanos()).isEqualTo(30_000_000_000L);
    assertThat(c.history())
        .extracting(ImageConfig.History::emptyLayer)
        .containsExactly(false, true, false);
    assertThat(c.variant()).isEqualTo("v8");
    assertThat(new String(c.toJson(), StandardCharsets.UTF_8))
        .isEqualTo(trimmed("config-full.expected.json"));
    assertThat(ImageConfig.parse(c.toJson())).isEqualTo(c);
  }

  @Test
  void dockerSaveManifest_parses() throws Exception {
    List<DockerArchiveManifest> entries =
        DockerArchiveManifest.parse(golden("docker-save-manifest.json"));

    assertThat(entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.repoTags()).containsExactly("drydock-test/busybox:1");
              assertThat(e.layers()).singleElement().asString().endsWith("/layer.tar");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{\"schemaVersion\":1}",
        "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"config\":{},\"layers\":[]}",
        "{\"schemaVersion\":2,\"layers\":[]}",
        "{\"schemaVersion\":2,\"manifests\":[]}",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:00\",\"size\":1},\"layers\":[]}",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"},\"layers\":[]}",
        "{\"schemaVersion\":2,\"schemaVersion\":2}",
        "{\"schemaVersion\":2} trailing"
      })
  void manifest_malformed_isRejectedNamingProblem(String json) {
    assertThatThrownBy(() -> ImageManifest.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("image manifest");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"os\":\"linux\",\"architecture\":\"amd64\"}",
        "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"x\",\"diff_ids\":[]}}",
        "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\"}}",
        "{\"os\":\"linux\",\"architecture\":1,\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}",
        "{\"os\":\"linux\",\"architecture\":\"a\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"x\"]}}"
      })
  void config_malformed_isRejected(String json) {
    assertThatThrownBy(() -> ImageConfig.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedContentException.class);
  }

  @Test
  void index_withManifestMediaType_isRejected() {
    assertThatThrownBy(
            () ->
                ImageIndex.parse(
                    ("{\"schemaVersion\":2,\"mediaType\":\""
                            + MediaTypes.OCI_MANIFEST
                            + "\",\"manifests\":[]}")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedContentException.class);
  }
}
