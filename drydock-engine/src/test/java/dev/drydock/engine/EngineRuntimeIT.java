package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events, networks, processes, image history and runtime container fields against the real Docker
 * daemon of this machine. Uses its own network and containers only.
 */
class EngineRuntimeIT {
  private static final EngineClient CLIENT =
      EngineClient.create(EngineEndpoint.fromEnvironment(dockerHostOnly(System.getenv())));
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String NETWORK = "drydock-engine-it-net-" + RUN;
  private static final String WEB = "drydock-engine-it-web-" + RUN;
  private static final String IMAGE = "drydock-engine-it/busybox:1";
  private static Instant before = Instant.EPOCH;

  @BeforeAll
  static void startContainer() throws Exception {
    before = Clock.systemUTC().instant().minusSeconds(1);
    busyboxImage();
    docker("network", "create", NETWORK);
    docker(
        "run",
        "-d",
        "--name",
        WEB,
        "--network",
        NETWORK,
        "--label",
        "dev.drydock.it=" + RUN,
        "-p",
        "127.0.0.1::8080",
        "--expose",
        "9000",
        "--ulimit",
        "nofile=512:1024",
        "--health-cmd",
        "/bin/busybox true",
        "--health-interval",
        "1s",
        IMAGE,
        "/bin/busybox",
        "sleep",
        "120");
  }

  @AfterAll
  static void removeContainer() throws Exception {
    docker("rm", "-f", WEB);
    docker("network", "rm", NETWORK);
  }

  @Test
  void inspectContainer_running_hasRuntimeFields() throws Exception {
    ContainerDetails c = CLIENT.inspectContainer(WEB);

    assertThat(c.state().running()).isTrue();
    assertThat(c.state().health()).isIn("starting", "healthy");
    assertThat(c.labels()).containsEntry("dev.drydock.it", RUN);
    assertThat(c.exposedPorts()).contains("8080/tcp", "9000/tcp");
    assertThat(c.publishedPorts().get("8080/tcp"))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.hostIp()).isEqualTo("127.0.0.1");
              assertThat(Integer.parseInt(b.hostPort())).isPositive();
            });
    assertThat(c.networks()).containsExactly(NETWORK);
    assertThat(c.hostConfig().ulimits())
        .containsExactly(new ContainerHostConfig.Ulimit("nofile", 512, 1024));
  }

  @Test
  void top_running_listsItsProcess() throws Exception {
    assertThat(CLIENT.top(WEB).commands()).anyMatch(cmd -> cmd.contains("sleep 120"));
  }

  @Test
  void networks_realDaemon_listsOursAndInspectShowsContainer() throws Exception {
    assertThat(CLIENT.networks()).extracting(NetworkDetails::name).contains(NETWORK);
    NetworkDetails ours = CLIENT.inspectNetwork(NETWORK);
    assertThat(ours.driver()).isEqualTo("bridge");
    assertThat(ours.containers()).containsValue(WEB);
    assertThatThrownBy(() -> CLIENT.inspectNetwork("drydock-none-" + RUN))
        .isInstanceOf(EngineNotFoundException.class);
  }

  @Test
  void imageHistory_imported_hasOneStep() throws Exception {
    List<ImageHistoryEntry> history = CLIENT.imageHistory(IMAGE);

    assertThat(history).isNotEmpty();
    assertThat(history.getFirst().tags()).contains(IMAGE);
    assertThat(history.getLast().comment()).startsWith("Imported");
  }

  @Test
  void events_bounded_replaysOurContainersLifecycle() throws Exception {
    String probe = "drydock-engine-it-ev-" + RUN;
    docker("create", "--name", probe, "--network", "none", IMAGE, "/bin/busybox", "true");
    docker("rm", probe);
    Instant after = Clock.systemUTC().instant().plusSeconds(1);

    List<EngineEvent> events = new ArrayList<>();
    try (EventStream stream =
        CLIENT.events(
            EventQuery.follow()
                .filter("type", "container")
                .filter("container", probe)
                .since(before)
                .until(after)
                .idleTimeout(Duration.ofSeconds(30)))) {
      stream.forEach(events::add);
    }

    assertThat(events).extracting(EngineEvent::action).containsExactly("create", "destroy");
    assertThat(events).allSatisfy(e -> assertThat(e.actorName()).isEqualTo(probe));
    assertThat(events.getFirst().time()).isBetween(before, after);
  }

  @Test
  void events_follow_deliversLiveEventAndClosesOnDemand() throws Exception {
    String probe = "drydock-engine-it-live-" + RUN;
    try (EventStream stream =
        CLIENT.events(
            EventQuery.follow().filter("container", probe).idleTimeout(Duration.ofSeconds(30)))) {
      docker("create", "--name", probe, "--network", "none", IMAGE, "/bin/busybox", "true");
      try {
        EngineEvent first = stream.next();
        assertThat(first).isNotNull().extracting(EngineEvent::action).isEqualTo("create");
      } finally {
        docker("rm", probe);
      }
    }
  }

  /** A one-binary image: the host's static busybox, run by full path. */
  private static void busyboxImage() throws IOException, InterruptedException {
    if (!docker("image", "ls", "--quiet", IMAGE).isEmpty()) {
      return;
    }
    Path dir = Files.createTempDirectory("ddt-busybox");
    Files.createDirectories(dir.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
    Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
    run("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");
    docker("import", tar.toString(), IMAGE);
  }

  private static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

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
