package dev.drydock.engine;

import static dev.drydock.engine.FakeEngine.http;
import static dev.drydock.engine.FakeEngine.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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

/** Container list and inspect against responses recorded from Docker 20.10 (API 1.41). */
class ContainerApiTest {
  private static final byte[] PING = resource("recorded/ping.http");

  @TempDir Path dir;

  private FakeEngine engine(byte @Nullable [] answer) throws Exception {
    return FakeEngine.pingThen(dir, PING, answer);
  }

  @Test
  void containers_recorded_parsesSummaries() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/containers-all.http"))) {
      List<ContainerSummary> containers = engine.client().containers(true);

      assertThat(containers).hasSize(2);
      ContainerSummary hard = containers.getFirst();
      assertThat(hard.id()).startsWith("d954b7ac6f1e");
      assertThat(hard.names()).containsExactly("/drydock-rec-hard");
      assertThat(hard.name()).isEqualTo("drydock-rec-hard");
      assertThat(hard.image()).isEqualTo("drydock-test/busybox:1");
      assertThat(hard.imageId()).startsWith("sha256:1668c2c3572c");
      assertThat(hard.state()).isEqualTo("created");
      assertThat(hard.status()).isEqualTo("Created");
      assertThat(hard.created()).isEqualTo(Instant.ofEpochSecond(1796421475));
      assertThat(engine.requests()).last().isEqualTo("GET /v1.41/containers/json?all=1 HTTP/1.1");
    }
  }

  @Test
  void containers_runningOnly_omitsAllAndAcceptsEmpty() throws Exception {
    try (FakeEngine engine = engine(http(200, "", "[]"))) {
      assertThat(engine.client().containers(false)).isEmpty();
      assertThat(engine.requests()).last().isEqualTo("GET /v1.41/containers/json HTTP/1.1");
    }
  }

  @Test
  void containers_noNames_nameFallsBackToId() throws Exception {
    try (FakeEngine engine = engine(http(200, "", "[{\"Id\":\"abc\",\"Names\":null}]"))) {
      ContainerSummary only = engine.client().containers(true).getFirst();

      assertThat(only.name()).isEqualTo("abc");
      assertThat(only.created()).isEqualTo(Instant.EPOCH);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[1]", "[{\"Names\":[]}]", "[{\"Id\":\"a\",\"Created\":\"x\"}]"})
  void containers_malformed_throwsProtocolException(String body) throws Exception {
    try (FakeEngine engine = engine(http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().containers(true))
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("list all containers");
    }
  }

  @Test
  void inspectContainer_privileged_readsAuditFields() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/container-privileged.http"))) {
      ContainerDetails c = engine.client().inspectContainer("drydock-rec-priv");

      assertThat(c.id()).startsWith("ef82b71d0899");
      assertThat(c.name()).isEqualTo("drydock-rec-priv");
      assertThat(c.imageId()).startsWith("sha256:1668c2c3572c");
      assertThat(c.configImage()).isEqualTo("drydock-test/busybox:1");
      assertThat(c.user()).isEmpty();
      assertThat(c.runsAsRoot()).isTrue();
      assertThat(c.state()).isEqualTo(new ContainerDetails.State("created", false, 0));
      ContainerHostConfig host = c.hostConfig();
      assertThat(host.privileged()).isTrue();
      assertThat(host.pidMode()).isEqualTo("host");
      assertThat(host.ipcMode()).isEqualTo("private");
      assertThat(host.networkMode()).isEqualTo("none");
      assertThat(host.securityOpt()).containsExactly("label=disable");
      assertThat(host.capAdd()).isEmpty();
      assertThat(host.pidsLimit()).isZero();
      assertThat(host.restartPolicy()).isEqualTo(new ContainerHostConfig.RestartPolicy("no", 0));
      assertThat(host.portBindings()).isEmpty();
      assertThat(c.mounts())
          .containsExactly(new ContainerDetails.Mount("bind", "/", "/host", "ro", false, "rslave"));
      assertThat(c.healthcheck()).isFalse();
      assertThat(c.envNames()).containsExactly("SECRET_TOKEN");
      assertThat(c.rawJson()).contains("\"PidMode\":\"host\"").doesNotContain("hunter2");
      assertThat(c.toString()).doesNotContain("hunter2").contains("drydock-rec-priv");
      assertThat(engine.requests())
          .last()
          .isEqualTo("GET /v1.41/containers/drydock-rec-priv/json HTTP/1.1");
    }
  }

  @Test
  void inspectContainer_hardened_readsLimitsPortsAndHealthcheck() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/container-hardened.http"))) {
      ContainerDetails c = engine.client().inspectContainer("drydock-rec-hard");

      assertThat(c.user()).isEqualTo("1000:1000");
      assertThat(c.runsAsRoot()).isFalse();
      ContainerHostConfig host = c.hostConfig();
      assertThat(host.privileged()).isFalse();
      assertThat(host.capAdd()).containsExactly("CAP_NET_BIND_SERVICE");
      assertThat(host.capDrop()).containsExactly("ALL");
      assertThat(host.securityOpt()).containsExactly("no-new-privileges");
      assertThat(host.readonlyRootfs()).isTrue();
      assertThat(host.memory()).isEqualTo(64L << 20);
      assertThat(host.nanoCpus()).isEqualTo(500_000_000L);
      assertThat(host.cpuShares()).isEqualTo(512);
      assertThat(host.pidsLimit()).isEqualTo(100);
      assertThat(host.restartPolicy())
          .isEqualTo(new ContainerHostConfig.RestartPolicy("on-failure", 5));
      assertThat(host.devices()).containsExactly("/dev/null");
      assertThat(host.networkMode()).isEqualTo("drydock-rec-net");
      assertThat(host.portBindings())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "80/tcp", List.of(new ContainerHostConfig.PortBinding("127.0.0.1", "8080")),
                  "53/udp", List.of(new ContainerHostConfig.PortBinding("", ""))));
      assertThat(host.publishAllPorts()).isFalse();
      assertThat(c.mounts())
          .extracting(ContainerDetails.Mount::type, ContainerDetails.Mount::rw)
          .containsExactly(tuple("volume", true), tuple("bind", false));
      assertThat(c.healthcheck()).isTrue();
      assertThat(c.envNames()).containsExactly("PASSWORD", "MODE");
      assertThat(c.rawJson()).doesNotContain("s3cret").contains("\"Env\":[\"PASSWORD\",\"MODE\"]");
    }
  }

  @Test
  void inspectContainer_minimalBody_defaultsEverything() throws Exception {
    String body = "{\"Id\":\"abc\",\"Config\":{\"Healthcheck\":{\"Test\":[\"NONE\"]}}}";
    try (FakeEngine engine = engine(http(200, "", body))) {
      ContainerDetails c = engine.client().inspectContainer("abc");

      assertThat(c.name()).isEmpty();
      assertThat(c.healthcheck()).isFalse();
      assertThat(c.hostConfig().portBindings()).isEmpty();
      assertThat(c.mounts()).isEmpty();
      assertThat(c.rawJson()).isEqualTo(body);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{\"Name\":\"x\"}",
        "{\"Id\":\"a\",\"HostConfig\":[]}",
        "{\"Id\":\"a\",\"HostConfig\":{\"Privileged\":\"yes\"}}",
        "{\"Id\":\"a\",\"HostConfig\":{\"Devices\":{}}}",
        "{\"Id\":\"a\",\"HostConfig\":{\"Devices\":[1]}}",
        "{\"Id\":\"a\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":\"x\"}}}",
        "{\"Id\":\"a\",\"Mounts\":[{\"RW\":1}]}",
        "{\"Id\":\"a\",\"State\":{\"Pid\":-1}}",
        "{\"Id\":\"a\",\"Config\":{\"Env\":[1]}}",
        "{\"Id\":\"a\",\"HostConfig\":{\"Memory\":1e3}}"
      })
  void inspectContainer_malformed_throwsProtocolException(String body) throws Exception {
    try (FakeEngine engine = engine(http(200, "", body))) {
      assertThatThrownBy(() -> engine.client().inspectContainer("a"))
          .isInstanceOf(EngineProtocolException.class)
          .hasMessageContaining("inspect container 'a'");
    }
  }

  @Test
  void inspectContainer_recorded404_throwsNotFoundNamingContainer() throws Exception {
    try (FakeEngine engine = engine(resource("recorded/container-not-found.http"))) {
      assertThatThrownBy(() -> engine.client().inspectContainer("nope"))
          .isInstanceOfSatisfying(
              EngineNotFoundException.class,
              e -> {
                assertThat(e.kind()).isEqualTo("container");
                assertThat(e.name()).isEqualTo("nope");
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.daemonMessage()).isEqualTo("No such container: nope");
              })
          .hasMessageContaining("no container 'nope'")
          .hasMessageContaining("docker container ls -a");
    }
  }

  @Test
  void inspectContainer_otherError_staysApiException() throws Exception {
    try (FakeEngine engine = engine(http(500, "", "{\"message\":\"boom\"}"))) {
      assertThatThrownBy(() -> engine.client().inspectContainer("a"))
          .isExactlyInstanceOf(EngineApiException.class)
          .hasMessageContaining("boom");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "../info", "a/b", "a?all=1", "a#x", "a\nb", "a\u0000", "a\u007f"})
  void inspectContainer_hostileName_rejectedBeforeAnyRequest(String name) throws Exception {
    try (FakeEngine engine = engine(null)) {
      assertThatThrownBy(() -> engine.client().inspectContainer(name))
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.input()).isEqualTo(name));
      assertThat(engine.requests()).isEmpty();
    }
  }

  @Test
  void inspectContainer_tooLongName_rejected() {
    assertThatThrownBy(() -> new InspectContainer("a".repeat(PathSegments.MAX_LENGTH + 1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("container name or ID");
  }

  @Test
  void inspectContainer_oddButSafeName_isPercentEncoded() throws Exception {
    try (FakeEngine engine = engine(http(200, "", "{\"Id\":\"a\"}"))) {
      engine.client().inspectContainer("a b+%é");

      assertThat(engine.requests())
          .last()
          .isEqualTo("GET /v1.41/containers/a%20b%2B%25%C3%A9/json HTTP/1.1");
    }
  }
}
