package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerSocketArchiveSourceTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a b", "../../containers/json", "x/../../info", "a?b", "a\r\nHost: x"})
  void export_invalidName_isRefusedBeforeConnecting(String name) {
    DockerSocketArchiveSource source =
        new DockerSocketArchiveSource(tmp.resolve("none.sock"), Duration.ofSeconds(5), 1024);
    assertThatThrownBy(() -> source.export(name, tmp.resolve("out.tar")))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("not a valid image name");
  }

  @Test
  void export_missingSocket_isOciExceptionNamingIt() {
    DockerSocketArchiveSource source =
        new DockerSocketArchiveSource(tmp.resolve("none.sock"), Duration.ofSeconds(5), 1024);
    assertThatThrownBy(() -> source.export("busybox", tmp.resolve("out.tar")))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("none.sock");
  }

  @Test
  void daemonReader_withoutReference_isRefused() {
    DaemonImageReader reader =
        new DaemonImageReader(
            (image, target) -> {}, tmp, ArchiveLimits.defaults(), Platform.of("linux", "amd64"));
    assertThatThrownBy(() -> reader.open(null)).hasMessageContaining("Name the image");
  }
}
