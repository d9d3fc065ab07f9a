package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.engine.EngineEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDockerTest {
  @TempDir Path dir;

  @Test
  void findOrStart_dockerHostElsewhereAndSilent_failsSayingHowToInstall() {
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + dir.resolve("none.sock"));

    assertThatThrownBy(() -> TestDocker.findOrStart(env))
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessageContaining("No Docker engine answers at unix://" + dir.resolve("none.sock"))
        .hasMessageContaining("DOCKER_HOST points elsewhere")
        .hasMessageContaining("apt-get install -y docker.io");
  }

  @Test
  void findOrStart_startedDaemonExits_failsWithItsLog() {
    EngineEndpoint endpoint = new EngineEndpoint.Unix(dir.resolve("d.sock"));
    LocalDocker docker =
        new LocalDocker(
            endpoint,
            List.of("sh", "-c", "echo 'failed to start daemon: boom'; exit 1"),
            "",
            new Commands(Map.of()),
            Duration.ofSeconds(20),
            dir);

    assertThatThrownBy(docker::findOrStart)
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessageContaining("Started dockerd but it did not answer")
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("failed to start daemon: boom");
  }

  @Test
  void findOrStart_startedDaemonHangs_failsAfterTimeout() {
    LocalDocker docker =
        new LocalDocker(
            new EngineEndpoint.Unix(dir.resolve("d.sock")),
            List.of("sleep", "5"),
            "",
            new Commands(Map.of()),
            Duration.ofMillis(600),
            dir);

    assertThatThrownBy(docker::findOrStart)
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessageContaining("did not answer at");
  }

  @Test
  void fromEnvironment_noDockerd_saysSo() {
    Map<String, String> env = Map.of("DOCKER_HOST", "tcp://127.0.0.1:1");

    assertThatThrownBy(() -> LocalDocker.fromEnvironment(env).findOrStart())
        .hasMessageContaining("tcp://127.0.0.1:1");
  }

  @Test
  void cacheDir_prefersConfiguredThenHome() {
    assertThat(TestDocker.cacheDir(Map.of("DRYDOCK_TESTKIT_CACHE", "/c", "HOME", "/h")))
        .isEqualTo(Path.of("/c"));
    assertThat(TestDocker.cacheDir(Map.of("HOME", "/h")))
        .isEqualTo(Path.of("/h/.cache/drydock-testkit"));
    assertThat(TestDocker.cacheDir(Map.of())).isEqualTo(Path.of("/tmp/drydock-testkit-cache"));
  }

  @Test
  void mounts_underProc_findsProcItself() throws Exception {
    assertThat(Mounts.under(Path.of("/proc"))).contains(Path.of("/proc"));
    assertThat(Mounts.under(dir)).isEmpty();
  }
}
