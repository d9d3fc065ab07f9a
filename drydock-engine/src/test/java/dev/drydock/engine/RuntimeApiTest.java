package dev.drydock.engine;

import static dev.drydock.engine.FakeEngine.http;
import static dev.drydock.engine.FakeEngine.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Container runtime fields, processes, networks, image history and swarm state against responses
 * recorded from Docker 20.10 (API 1.41).
 */
class RuntimeApiTest {
  private static final byte[] PING = resource("recorded/ping.http");

  @TempDir Path dir;

  private FakeEngine engine(byte @Nullable [] answer) throws Exception {
    return FakeEngine.pingThen(dir, PING, answer);
  }

  @Test
  void inspectContainer_running_readsHealthLabelsPortsUlimitsNetworks() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/container-web.http"))) {
      ContainerDetails c = engine.client().inspectContainer("ddrec-web");

      assertThat(c.state().running()).isTrue();
      assertThat(c.state().health()).isEqualTo("starting");
      assertThat(c.healthcheck()).isTrue();
      assertThat(c.labels())
          .containsEntry("app", "web")
          .containsEntry("dev.drydock.bench.ignore", "false");
      assertThat(c.exposedPorts()).containsExactlyInAnyOrder("80/tcp", "81/tcp", "9000/tcp");
      assertThat(c.publishedPorts().get("80/tcp"))
          .containsExactly(new ContainerHostConfig.PortBinding("127.0.0.1", "8081"));
      assertThat(c.publishedPorts().get("81/tcp"))
          .extracting(ContainerHostConfig.PortBinding::hostPort)
          .contains("1024");
      assertThat(c.publishedPorts().get("9000/tcp")).isEmpty();
      assertThat(c.networks()).containsExactly("ddrec-net");
      assertThat(c.hostConfig().ulimits())
          .containsExactly(new ContainerHostConfig.Ulimit("nofile", 1024, 2048));
    }
  }

  @Test
  void inspectContainer_created_hasNoHealthAndNoPublishedPorts() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/container-privileged.http"))) {
      ContainerDetails c = engine.client().inspectContainer("drydock-rec-priv");

      assertThat(c.state().health()).isEmpty();
      assertThat(c.publishedPorts()).isEmpty();
      assertThat(c.hostConfig().ulimits()).isEmpty();
      assertThat(c.labels()).containsOnlyKeys("dev.drydock.testkit.key");
    }
  }

  @Test
  void top_recorded_readsCommands() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/container-top.http"))) {
      ContainerProcesses top = engine.client().top("ddrec-web");

      assertThat(top.titles()).contains("PID", "CMD");
      assertThat(top.commands()).containsExactly("sleep 300");
      assertThat(engine.requests())
          .last()
          .isEqualTo("GET /v1.41/containers/ddrec-web/top HTTP/1.1");
    }
  }

  @Test
  void top_notRunning_throwsApiExceptionWithStatus() throws Exception {
    String body = "{\"message\":\"Container abc is not running\"}";
    try (FakeEngine engine = engine(http(409, "", body))) {
      assertThatThrownBy(() -> engine.client().top("abc"))
          .isInstanceOfSatisfying(
              EngineApiException.class, e -> assertThat(e.status()).isEqualTo(409))
          .hasMessageContaining("not running");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Titles\":[\"PID\"],\"Processes\":[[\"1\",\"2\"]]}",
        "{\"Titles\":[\"PID\"],\"Processes\":[1]}",
        "{\"Titles\":[\"PID\"],\"Processes\":[[1]]}",
        "{\"Titles\":[\"PID\"],\"Processes\":{}}"
      })
  void top_malformed_throwsProtocolException(String body) throws Exception {
    try (FakeEngine engine = engine(http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().top("abc"))
          .isInstanceOf(EngineProtocolException.class);
    }
  }

  @Test
  void commands_noCommandColumn_isEmpty() {
    assertThat(new ContainerProcesses(List.of("PID"), List.of(List.of("1"))).commands()).isEmpty();
    assertThat(
            new ContainerProcesses(List.of("PID", "COMMAND"), List.of(List.of("1", "sshd")))
                .commands())
        .containsExactly("sshd");
  }

  @Test
  void networks_recorded_readsDriversAndBridgeNames() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/networks.http"))) {
      List<NetworkDetails> networks = engine.client().networks();

      assertThat(networks).extracting(NetworkDetails::name).contains("none", "bridge", "host");
      NetworkDetails bridge =
          networks.stream().filter(n -> n.name().equals("bridge")).findFirst().orElseThrow();
      assertThat(bridge.driver()).isEqualTo("bridge");
      assertThat(bridge.bridgeName()).isEqualTo("docker0");
      assertThat(bridge.encrypted()).isFalse();
      assertThat(bridge.scope()).isEqualTo("local");
      assertThat(engine.requests()).last().isEqualTo("GET /v1.41/networks HTTP/1.1");
    }
  }

  @Test
  void inspectNetwork_recorded_listsContainers() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/network-user.http"))) {
      NetworkDetails net = engine.client().inspectNetwork("ddrec-net");

      assertThat(net.name()).isEqualTo("ddrec-net");
      assertThat(net.containers()).containsValue("ddrec-web");
      assertThat(net.bridgeName()).isEmpty();
    }
  }

  @Test
  void encrypted_optionPresent_isTrueUnlessFalse() {
    assertThat(network(Map.of("encrypted", "")).encrypted()).isTrue();
    assertThat(network(Map.of("encrypted", "true")).encrypted()).isTrue();
    assertThat(network(Map.of("encrypted", "False")).encrypted()).isFalse();
    assertThat(network(Map.of()).encrypted()).isFalse();
  }

  @Test
  void imageHistory_recorded_readsCreatedBy() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/image-history.http"))) {
      List<ImageHistoryEntry> history = engine.client().imageHistory("drydock-rec/hist:1");

      assertThat(history).hasSize(5);
      assertThat(history.getFirst().tags()).containsExactly("drydock-rec/hist:1");
      assertThat(history.getFirst().created()).isEqualTo(Instant.ofEpochSecond(1796422528));
      assertThat(history)
          .extracting(ImageHistoryEntry::createdBy)
          .anyMatch(s -> s.contains("#(nop) ADD file:"))
          .anyMatch(s -> s.contains("#(nop) COPY file:"));
      assertThat(history.getLast().comment()).isEqualTo("Imported from -");
      assertThat(engine.requests())
          .last()
          .isEqualTo("GET /v1.41/images/drydock-rec/hist%3A1/history HTTP/1.1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[1]", "[{\"Size\":-1}]", "[{\"Created\":\"x\"}]"})
  void imageHistory_malformed_throwsProtocolException(String body) throws Exception {
    try (FakeEngine engine = engine(http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().imageHistory("x"))
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("history");
    }
  }

  @Test
  void pathInputs_unsafe_rejectedBeforeAnyRequest() {
    EngineClient client = EngineClient.create(new EngineEndpoint.Unix(dir.resolve("none.sock")));
    assertThatThrownBy(() -> client.inspectNetwork("../x"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> client.top("a?b")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> client.imageHistory("a/../b"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void info_recorded_swarmInactive() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/info.http"))) {
      EngineInfo.Swarm swarm = engine.client().info().swarm();

      assertThat(swarm.localNodeState()).isEqualTo("inactive");
      assertThat(swarm.active()).isFalse();
      assertThat(swarm.cluster()).isNull();
      assertThat(swarm).isEqualTo(EngineInfo.Swarm.inactive());
    }
  }

  @Test
  void info_manager_readsClusterSettings() throws Exception {
    String body =
        """
        {"ServerVersion":"20.10.24","Swarm":{"NodeID":"n1","NodeAddr":"10.0.0.5",
         "LocalNodeState":"active","ControlAvailable":true,"Nodes":3,"Managers":2,
         "RemoteManagers":[{"NodeID":"n1","Addr":"10.0.0.5:2377"},{"NodeID":"n2","Addr":"10.0.0.6:2377"}],
         "Cluster":{"ID":"c1","RootRotationInProgress":false,
          "Spec":{"CAConfig":{"NodeCertExpiry":7776000000000000,"ExternalCAs":[{"URL":"x"}]},
                  "EncryptionConfig":{"AutoLockManagers":true}}}}}
        """;
    try (FakeEngine engine = engine(http(200, "", body))) {
      EngineInfo.Swarm swarm = engine.client().info().swarm();

      assertThat(swarm.active()).isTrue();
      assertThat(swarm.controlAvailable()).isTrue();
      assertThat(swarm.managers()).isEqualTo(2);
      assertThat(swarm.nodes()).isEqualTo(3);
      assertThat(swarm.remoteManagers()).containsExactly("10.0.0.5:2377", "10.0.0.6:2377");
      EngineInfo.Cluster cluster = Objects.requireNonNull(swarm.cluster());
      assertThat(cluster).isNotNull();
      assertThat(cluster.autoLockManagers()).isTrue();
      assertThat(cluster.nodeCertExpiry()).isEqualTo(Duration.ofDays(90));
      assertThat(cluster.externalCas()).isEqualTo(1);
    }
  }

  @Test
  void info_noSwarmObject_readsInactive() throws Exception {
    try (FakeEngine engine = engine(http(200, "", "{\"ServerVersion\":\"1\"}"))) {
      assertThat(engine.client().info().swarm().active()).isFalse();
    }
  }

  @Test
  void swarm_locked_countsAsActive() {
    assertThat(new EngineInfo.Swarm("n", "a", "locked", true, 0, 0, List.of(), null).active())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "00", "0:0", " 0 ", "root", "root:root", "0:1000"})
  void isRootUser_rootSpellings(String user) {
    assertThat(ContainerDetails.isRootUser(user)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000", "1000:0", "nobody", "10"})
  void isRootUser_others(String user) {
    assertThat(ContainerDetails.isRootUser(user)).isFalse();
  }

  private static NetworkDetails network(Map<String, String> options) {
    return new NetworkDetails("id", "n", "overlay", "swarm", false, options, Map.of(), Map.of());
  }
}
