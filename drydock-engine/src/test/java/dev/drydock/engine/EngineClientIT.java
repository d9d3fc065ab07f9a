package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

  private static Map<String, String> dockerHostOnly(Map<String, String> env) {
    String host = env.get("DOCKER_HOST");
    return host == null ? Map.of() : Map.of("DOCKER_HOST", host);
  }
}
