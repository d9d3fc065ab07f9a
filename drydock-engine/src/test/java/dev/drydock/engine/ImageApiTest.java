package dev.drydock.engine;

import static dev.drydock.engine.FakeEngine.http;
import static dev.drydock.engine.FakeEngine.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image list and inspect against responses recorded from Docker 20.10 (API 1.41). */
class ImageApiTest {
  private static final byte[] PING = resource("recorded/ping.http");

  @TempDir Path dir;

  private FakeEngine engine(byte @Nullable [] answer) throws Exception {
    return FakeEngine.pingThen(dir, PING, answer);
  }

  @Test
  void images_recorded_parsesSummaries() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/images.http"))) {
      List<ImageSummary> images = engine.client().images();

      assertThat(images)
          .extracting(ImageSummary::repoTags)
          .containsExactly(List.of("drydock-test/debian:12"), List.of("drydock-test/busybox:1"));
      ImageSummary busybox = images.get(1);
      assertThat(busybox.id()).startsWith("sha256:1668c2c3572c");
      assertThat(busybox.repoDigests()).isEmpty();
      assertThat(busybox.created()).isEqualTo(Instant.ofEpochSecond(1796416479));
      assertThat(busybox.size()).isEqualTo(1985580);
      assertThat(busybox.labels()).containsEntry("dev.drydock.testkit.key", "busybox-1");
      assertThat(engine.requests()).last().isEqualTo("GET /v1.41/images/json HTTP/1.1");
    }
  }

  @Test
  void inspectImage_built_readsAuditFieldsWithoutEnvValues() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/image-app.http"))) {
      ImageDetails image = engine.client().inspectImage("drydock-rec/app:1");

      assertThat(image.id()).startsWith("sha256:48d9ab5a7cf6");
      assertThat(image.repoTags()).containsExactly("drydock-rec/app:1");
      assertThat(image.created()).isEqualTo(Instant.parse("2026-12-04T21:58:04.925256025Z"));
      assertThat(image.user()).isEqualTo("1000:1000");
      assertThat(image.runsAsRoot()).isFalse();
      assertThat(image.healthcheck()).isTrue();
      assertThat(image.exposedPorts()).containsExactly("8080/tcp", "9090/udp");
      assertThat(image.envNames()).containsExactly("PATH", "API_KEY", "APP_HOME");
      assertThat(image.toString()).doesNotContain("not-for-audits");
      assertThat(image.labels())
          .containsEntry("org.opencontainers.image.title", "drydock-rec")
          .hasSize(2);
      assertThat(image.layers())
          .containsExactly(
              "sha256:4749be8506f3e7672e07a5cf6daabedc2beecaecac2677b53c9ae0dee3b2160a");
      assertThat(image.os()).isEqualTo("linux");
      assertThat(image.architecture()).isEqualTo("amd64");
      assertThat(engine.requests())
          .last()
          .isEqualTo("GET /v1.41/images/drydock-rec/app%3A1/json HTTP/1.1");
    }
  }

  @Test
  void inspectImage_imported_hasNoUserPortsOrHealthcheck() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/image-busybox.http"))) {
      ImageDetails image = engine.client().inspectImage("drydock-test/busybox:1");

      assertThat(image.user()).isEmpty();
      assertThat(image.runsAsRoot()).isTrue();
      assertThat(image.healthcheck()).isFalse();
      assertThat(image.exposedPorts()).isEmpty();
      assertThat(image.envNames()).isEmpty();
      assertThat(image.labels()).isEqualTo(Map.of("dev.drydock.testkit.key", "busybox-1"));
    }
  }

  @Test
  void inspectImage_recorded404_throwsNotFoundNamingImage() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/image-not-found.http"))) {
      assertThatThrownBy(() -> engine.client().inspectImage("nope:1"))
          .isInstanceOfSatisfying(
              EngineNotFoundException.class,
              e -> {
                assertThat(e.kind()).isEqualTo("image");
                assertThat(e.name()).isEqualTo("nope:1");
              })
          .hasMessageContaining("no image 'nope:1'")
          .hasMessageContaining("docker image ls`");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{\"RepoTags\":[]}",
        "{\"Id\":\"a\",\"Created\":\"yesterday\"}",
        "{\"Id\":\"a\",\"Config\":{\"Labels\":{\"k\":1}}}",
        "{\"Id\":\"a\",\"Config\":{\"ExposedPorts\":[\"80/tcp\"]}}",
        "{\"Id\":\"a\",\"RootFS\":{\"Layers\":\"x\"}}"
      })
  void inspectImage_malformed_throwsProtocolException(String body) throws Exception {
    try (FakeEngine engine = engine(http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().inspectImage("a"))
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("inspect image 'a'");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[\"x\"]", "[{\"Id\":\"a\",\"Size\":\"big\"}]"})
  void images_malformed_throwsProtocolException(String body) throws Exception {
    try (FakeEngine engine = engine(http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().images())
          .isInstanceOf(EngineProtocolException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "/a", "a/", "a//b", "a/../b", "./a", "..", "a?x", "a#x", "a\rb", "a:1\t"})
  void inspectImage_hostileRef_rejectedBeforeAnyRequest(String ref) throws Exception {
    try (FakeEngine engine = engine(null)) {
      assertThatThrownBy(() -> engine.client().inspectImage(ref))
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.input()).isEqualTo(ref));
      assertThat(engine.requests()).isEmpty();
    }
  }
}
