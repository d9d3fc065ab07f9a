package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class DockerExtensionIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  /** What the inner test classes created; static so the outer test can read it afterwards. */
  static final List<String> CREATED = new CopyOnWriteArrayList<>();

  @Test
  void endpoint_answersPing() throws Exception {
    assertThat(DOCKER.client().ping().osType()).isEqualTo("linux");
    assertThat(DOCKER.endpoint()).isEqualTo(TestDocker.findOrStart(System.getenv()));
  }

  @Test
  void afterEach_testBodyThrows_containerAndNetworkRemoved() throws Exception {
    CREATED.clear();

    Events tests = run(ThrowingBody.class);

    tests.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(CREATED).hasSize(2);
    assertThat(containerNames()).doesNotContainAnyElementsOf(CREATED);
    assertThat(networkNames()).doesNotContainAnyElementsOf(CREATED);
  }

  @Test
  void afterAll_namesTakenInBeforeAll_removedAfterAllTests() throws Exception {
    CREATED.clear();

    Events tests = run(ClassScoped.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(CREATED).hasSize(1);
    assertThat(containerNames()).doesNotContainAnyElementsOf(CREATED);
  }

  @Test
  void sweep_removesOldRunsOnly() throws Exception {
    String busybox = DOCKER.images().busybox();
    String old = nameFromRunStartedAt(Instant.now().minus(Duration.ofHours(3)), "old");
    String recent = nameFromRunStartedAt(Instant.now().minus(Duration.ofMinutes(5)), "recent");
    try {
      DOCKER.cli().run("create", "--name", old, "--network", "none", busybox, "true");
      DOCKER.cli().run("create", "--name", recent, "--network", "none", busybox, "true");

      List<String> removed = DOCKER.sweep(TestDocker.STALE_AFTER);

      assertThat(removed).contains(old).doesNotContain(recent);
      assertThat(containerNames()).doesNotContain(old).contains(recent);
    } finally {
      DOCKER.cli().tryRun(DockerCli.DEFAULT_TIMEOUT, List.of("rm", "--force", old, recent));
    }
  }

  private static String nameFromRunStartedAt(Instant start, String base) {
    return "ddt-"
        + String.format(java.util.Locale.ROOT, "%7s", Long.toString(start.getEpochSecond(), 36))
            .replace(' ', '0')
        + "zz00-"
        + base;
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }

  private static Set<String> containerNames() throws Exception {
    return new Leftovers(DOCKER.cli()).containerNames();
  }

  private static Set<String> networkNames() throws Exception {
    return new Leftovers(DOCKER.cli()).networkNames();
  }

  /** Run only through EngineTestKit above: creates a network and a container, then throws. */
  static class ThrowingBody {
    @RegisterExtension static final TestDocker INNER = TestDocker.create(System.getenv());

    @Test
    void createsThenThrows() throws Exception {
      String network = INNER.networkName("net");
      INNER.cli().run("network", "create", "--internal", network);
      CREATED.add(network);
      String container = INNER.containerName("box");
      INNER
          .cli()
          .run(
              "create",
              "--name",
              container,
              "--network",
              network,
              INNER.images().busybox(),
              "true");
      CREATED.add(container);
      assertThat(INNER.cli().run("ps", "--all", "--format", "{{.Names}}")).contains(container);
      throw new IllegalStateException("test body fails on purpose");
    }
  }

  /** Run only through EngineTestKit above: a container made in @BeforeAll outlives each test. */
  static class ClassScoped {
    @RegisterExtension static final TestDocker INNER = TestDocker.create(System.getenv());
    static String container = "";

    @BeforeAll
    static void createShared() throws Exception {
      container = INNER.containerName("shared");
      INNER
          .cli()
          .run(
              "create", "--name", container, "--network", "none", INNER.images().busybox(), "true");
      CREATED.add(container);
    }

    @Test
    void first() throws Exception {
      assertThat(INNER.cli().run("ps", "--all", "--format", "{{.Names}}")).contains(container);
    }

    @Test
    void second() throws Exception {
      assertThat(INNER.cli().run("ps", "--all", "--format", "{{.Names}}")).contains(container);
    }
  }
}
