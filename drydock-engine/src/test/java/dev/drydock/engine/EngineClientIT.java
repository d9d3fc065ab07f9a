package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Talks to the real Docker daemon of this machine (DOCKER_HOST or the default socket). */
class EngineClientIT {
  private final EngineClient client =
      EngineClient.create(EngineEndpoint.fromEnvironment(dockerHostOnly(System.getenv())));

  @Test
  void ping_realDaemon_answers() throws Exception {
    EnginePing ping = client.ping();

    assertThat(ping.apiVersion()).isGreaterThanOrEqualTo(EngineCaller.CLIENT_MIN);
    assertThat(ping.osType()).isEqualTo("linux");
    assertThat(ping.server()).startsWith("Docker/");
  }

  @Test
  void version_realDaemon_matchesNegotiatedApi() throws Exception {
    EngineVersion version = client.version();

    assertThat(version.version()).isNotEmpty();
    assertThat(client.apiVersion()).isEqualTo(version.apiVersion().min(EngineCaller.CLIENT_MAX));
    assertThat(version.minApiVersion()).isLessThanOrEqualTo(version.apiVersion());
    assertThat(version.os()).isEqualTo("linux");
    assertThat(version.components()).extracting(EngineVersion.Component::name).contains("Engine");
  }

  @Test
  void info_realDaemon_hasAuditFields() throws Exception {
    EngineInfo info = client.info();

    assertThat(info.id()).isNotEmpty();
    assertThat(info.serverVersion()).isEqualTo(client.version().version());
    assertThat(info.dockerRootDir()).startsWith("/");
    assertThat(info.storageDriver()).isNotEmpty();
    assertThat(info.defaultRuntime()).isNotEmpty();
    assertThat(info.hasSecurityOption("seccomp")).isTrue();
    assertThat(info.containers())
        .isEqualTo(info.containersRunning() + info.containersPaused() + info.containersStopped());
  }

  @Test
  void containers_privilegedContainer_listedAndInspected() throws Exception {
    String image = scratchImage();
    String name = "drydock-engine-it-" + UUID.randomUUID();
    String id =
        docker(
            "create",
            "--name",
            name,
            "--privileged",
            "--pid=host",
            "-v",
            "/:/host:ro",
            "--network",
            "none",
            "-e",
            "DRYDOCK_IT_SECRET=do-not-leak",
            image,
            "sleep",
            "60");
    try {
      List<ContainerSummary> all = client.containers(true);
      assertThat(all).extracting(ContainerSummary::id).contains(id);
      assertThat(client.containers(false)).extracting(ContainerSummary::id).doesNotContain(id);

      ContainerDetails details = client.inspectContainer(name);
      assertThat(details.id()).isEqualTo(id);
      assertThat(details.name()).isEqualTo(name);
      assertThat(details.configImage()).isEqualTo(image);
      assertThat(details.hostConfig().privileged()).isTrue();
      assertThat(details.hostConfig().pidMode()).isEqualTo("host");
      assertThat(details.mounts())
          .anySatisfy(
              m -> {
                assertThat(m.source()).isEqualTo("/");
                assertThat(m.destination()).isEqualTo("/host");
                assertThat(m.rw()).isFalse();
              });
      assertThat(details.envNames()).contains("DRYDOCK_IT_SECRET");
      assertThat(details.rawJson()).doesNotContain("do-not-leak");
      assertThat(client.inspectContainer(id.substring(0, 12)).id()).isEqualTo(id);

      ImageDetails imageDetails = client.inspectImage(image);
      assertThat(imageDetails.id()).isEqualTo(details.imageId());
      assertThat(imageDetails.repoTags()).contains(image);
      assertThat(imageDetails.layers()).isNotEmpty();
      assertThat(client.images()).extracting(ImageSummary::id).contains(imageDetails.id());
    } finally {
      docker("rm", "-f", name);
    }
    assertThatThrownBy(() -> client.inspectContainer(name))
        .isInstanceOf(EngineNotFoundException.class)
        .hasMessageContaining(name);
  }

  @Test
  void inspectImage_missing_throwsNotFound() {
    assertThatThrownBy(() -> client.inspectImage("drydock-it/none:" + UUID.randomUUID()))
        .isInstanceOfSatisfying(
            EngineNotFoundException.class, e -> assertThat(e.kind()).isEqualTo("image"));
  }

  /**
   * {@return a one-file image of our own: {@code docker create} never runs the command, so the
   * container needs no binaries, and this module's tests need nothing from drydock-testkit}
   */
  private static String scratchImage() throws IOException, InterruptedException {
    String image = "drydock-engine-it/scratch:1";
    if (docker("image", "ls", "--quiet", image).isEmpty()) {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ddt-scratch");
      java.nio.file.Files.writeString(dir.resolve("README"), "drydock engine IT\n");
      java.nio.file.Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
      run("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");
      docker("import", tar.toString(), image);
    }
    return image;
  }

  /** {@return the trimmed standard output of a docker CLI command that must succeed} */
  private static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  /** {@return the trimmed standard output of a command that must succeed} */
  private static String run(String... args) throws IOException, InterruptedException {
    List<String> command = List.of(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          command + " failed: " + new String(out, StandardCharsets.UTF_8).strip());
    }
    return new String(out, StandardCharsets.UTF_8).strip();
  }

  private static Map<String, String> dockerHostOnly(Map<String, String> env) {
    String host = env.get("DOCKER_HOST");
    return host == null ? Map.of() : Map.of("DOCKER_HOST", host);
  }
}
