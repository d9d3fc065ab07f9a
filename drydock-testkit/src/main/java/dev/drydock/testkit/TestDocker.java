package dev.drydock.testkit;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension giving tests a real Docker engine, test images and uniquely named containers
 * and networks that are removed after each test (or after all tests, for names taken in
 * {@code @BeforeAll}), whether the test passed or threw.
 *
 * <pre>{@code
 * @RegisterExtension static final TestDocker docker = TestDocker.create(System.getenv());
 *
 * @Test void runs() throws Exception {
 *   String name = docker.containerName("web");     // ddt-<run>-web, removed after the test
 *   docker.cli().run("run", "--name", name, "--network", "none", docker.images().busybox(), "true");
 * }
 * }</pre>
 *
 * <p>Before the first test it finds the engine (starting dockerd if it must and may, see {@link
 * #findOrStart(Map)}) and sweeps leftovers of crashed runs older than {@link #STALE_AFTER}. Test
 * methods of one class must not run concurrently with each other (names are tracked per class).
 */
public final class TestDocker
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  /** Test resources of runs that started longer ago than this are swept as leftovers. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(60);

  private static final System.Logger LOG = System.getLogger(TestDocker.class.getName());

  private final Map<String, String> env;
  private final Clock clock;
  private final RunNames names;
  private final ReentrantLock lock = new ReentrantLock();
  // The fields below are guarded by lock.
  private @Nullable Ready ready;
  private boolean inTest;
  private final Set<String> classContainers = new LinkedHashSet<>();
  private final Set<String> classNetworks = new LinkedHashSet<>();
  private final Set<String> testContainers = new LinkedHashSet<>();
  private final Set<String> testNetworks = new LinkedHashSet<>();

  private record Ready(
      EngineEndpoint endpoint, EngineClient client, DockerCli cli, TestImages images) {}

  private TestDocker(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.names = RunNames.start(clock, new SecureRandom());
  }

  /**
   * Creates the extension; nothing is contacted until the first test or accessor call.
   *
   * @param env the environment: {@code DOCKER_HOST}, {@code PATH}, {@code HOME}, usually {@code
   *     System.getenv()}
   * @return the extension, for a {@code static} {@code @RegisterExtension} field
   */
  public static TestDocker create(Map<String, String> env) {
    return create(env, Clock.systemUTC());
  }

  /**
   * Creates the extension with the given clock (used for run names and the leftover sweep).
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param clock the clock
   * @return the extension
   */
  public static TestDocker create(Map<String, String> env, Clock clock) {
    return new TestDocker(env, clock);
  }

  /**
   * Finds a Docker engine that answers: {@code DOCKER_HOST} or the default socket. If none answers
   * at the default socket, dockerd is installed and we are root, starts dockerd in the background
   * (log in a temporary file) and waits up to 60 s for it.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @return the endpoint of an engine that answered ping
   * @throws DockerUnavailableException if there is none, saying how to install or start Docker
   */
  public static EngineEndpoint findOrStart(Map<String, String> env)
      throws DockerUnavailableException {
    return LocalDocker.fromEnvironment(env).findOrStart();
  }

  /** {@return this run's id, the part after {@code ddt-} in every name it hands out} */
  public String runId() {
    return names.runId();
  }

  /**
   * {@return the engine's endpoint, finding or starting the engine on first use}
   *
   * @throws DockerUnavailableException if there is no engine
   */
  public EngineEndpoint endpoint() throws DockerUnavailableException {
    return ready().endpoint();
  }

  /**
   * {@return an Engine API client for the engine}
   *
   * @throws DockerUnavailableException if there is no engine
   */
  public EngineClient client() throws DockerUnavailableException {
    return ready().client();
  }

  /**
   * {@return a docker CLI runner for the engine}
   *
   * @throws DockerUnavailableException if there is no engine
   */
  public DockerCli cli() throws DockerUnavailableException {
    return ready().cli();
  }

  /**
   * {@return the test image builder for the engine}
   *
   * @throws DockerUnavailableException if there is no engine
   */
  public TestImages images() throws DockerUnavailableException {
    return ready().images();
  }

  /**
   * Hands out a container name, {@code ddt-<run>-<base>}, and removes that container after the
   * current test (after all tests if called outside a test method).
   *
   * @param base 1-40 characters of {@code [a-z0-9_.-]}
   * @return the unique name
   */
  public String containerName(String base) {
    String name = names.name(base);
    track(name, true);
    return name;
  }

  /**
   * Hands out a network name, {@code ddt-<run>-<base>}, removed like {@link #containerName}.
   *
   * @param base 1-40 characters of {@code [a-z0-9_.-]}
   * @return the unique name
   */
  public String networkName(String base) {
    String name = names.name(base);
    track(name, false);
    return name;
  }

  /**
   * Runs {@code command} in a new tracked container without network and waits for it.
   *
   * @param base the container's base name, see {@link #containerName}
   * @param image the image, e.g. {@link TestImages#BUSYBOX} (built first if it is one of ours)
   * @param command the command and its arguments
   * @return the command's standard output, stripped
   * @throws TestkitException if there is no engine or the container fails
   */
  public String runContainer(String base, String image, String... command) throws TestkitException {
    if (image.equals(TestImages.BUSYBOX)) {
      images().busybox();
    } else if (image.equals(TestImages.DEBIAN)) {
      images().debian();
    }
    List<String> args =
        new ArrayList<>(List.of("run", "--name", containerName(base), "--network", "none", image));
    args.addAll(List.of(command));
    return cli().run(args.toArray(String[]::new));
  }

  /**
   * Removes testkit containers and networks of other runs that started more than {@code olderThan}
   * ago: leftovers of runs that crashed before cleaning up.
   *
   * @param olderThan the minimum age
   * @return the names removed
   * @throws TestkitException if there is no engine or docker fails
   */
  public List<String> sweep(Duration olderThan) throws TestkitException {
    List<String> removed =
        new Leftovers(cli()).sweep(clock, olderThan).stream().filter(n -> !names.owns(n)).toList();
    if (!removed.isEmpty()) {
      LOG.log(Level.INFO, "Removed leftovers of earlier test runs: {0}", removed);
    }
    return removed;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws TestkitException {
    ready();
    sweep(STALE_AFTER);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    lock.lock();
    try {
      inTest = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws TestkitException {
    removeTracked(true);
  }

  @Override
  public void afterAll(ExtensionContext context) throws TestkitException {
    removeTracked(false);
  }

  private void track(String name, boolean container) {
    lock.lock();
    try {
      Set<String> set =
          container
              ? (inTest ? testContainers : classContainers)
              : (inTest ? testNetworks : classNetworks);
      set.add(name);
    } finally {
      lock.unlock();
    }
  }

  private void removeTracked(boolean testScope) throws TestkitException {
    List<String> containers;
    List<String> networks;
    lock.lock();
    try {
      Set<String> c = testScope ? testContainers : classContainers;
      Set<String> n = testScope ? testNetworks : classNetworks;
      containers = List.copyOf(c);
      networks = List.copyOf(n);
      c.clear();
      n.clear();
      inTest = false;
    } finally {
      lock.unlock();
    }
    if (!containers.isEmpty() || !networks.isEmpty()) {
      new Leftovers(cli()).remove(containers, networks);
    }
  }

  private Ready ready() throws DockerUnavailableException {
    lock.lock();
    try {
      Ready current = ready;
      if (current == null) {
        EngineEndpoint endpoint = findOrStart(env);
        DockerCli cli = DockerCli.of(endpoint, env);
        current =
            new Ready(
                endpoint,
                EngineClient.create(endpoint),
                cli,
                new TestImages(cli, cacheDir(env), env));
        ready = current;
      }
      return current;
    } finally {
      lock.unlock();
    }
  }

  static Path cacheDir(Map<String, String> env) {
    String configured = env.getOrDefault("DRYDOCK_TESTKIT_CACHE", "");
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    String home = env.getOrDefault("HOME", "");
    return home.isBlank()
        ? Path.of("/tmp", "drydock-testkit-cache")
        : Path.of(home, ".cache", "drydock-testkit");
  }
}
