package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImageBuildIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path context;

  @Test
  void busybox_importsRunnableImageOnce() throws Exception {
    String image = DOCKER.images().busybox();

    assertThat(image).isEqualTo(TestImages.BUSYBOX);
    assertThat(DOCKER.runContainer("bb", image, "sh", "-c", "echo hi from $(id -un); ls -ld /tmp"))
        .startsWith("hi from root")
        .contains("drwxrwxrwt");
    long start = System.nanoTime();
    DOCKER.images().busybox();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void debian_importsBookwormWithDpkg() throws Exception {
    String image = DOCKER.images().debian();

    assertThat(DOCKER.runContainer("deb", image, "cat", "/etc/debian_version")).startsWith("12.");
    assertThat(
            DOCKER.runContainer("dpkg", image, "dpkg-query", "-W", "-f", "${Package}\\n", "dpkg"))
        .isEqualTo("dpkg");
    assertThat(DOCKER.images().cacheDir().resolve(TestImages.DEBIAN_KEY + ".tar")).isRegularFile();
  }

  @Test
  void build_dockerfileOnBusybox_buildsWithoutNetwork() throws Exception {
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM " + TestImages.BUSYBOX + "\nRUN echo built > /marker\nCMD [\"cat\", \"/marker\"]\n");
    String tag = "drydock-test/built:" + DOCKER.runId();
    try {
      DOCKER.images().build(context, tag);

      assertThat(DOCKER.runContainer("built", tag)).isEqualTo("built");
    } finally {
      DOCKER.cli().tryRun(DockerCli.DEFAULT_TIMEOUT, java.util.List.of("rmi", "--force", tag));
    }
  }

  @Test
  void build_withoutDockerfile_failsNamingContext() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DOCKER.images().build(context, "x:y"))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("no readable Dockerfile");
  }
}
