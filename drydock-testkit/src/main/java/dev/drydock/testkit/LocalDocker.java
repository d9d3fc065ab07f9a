package dev.drydock.testkit;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.engine.EngineException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Docker engine tests should use, starting {@code dockerd} in the background when none
 * answers and we may (dockerd installed, running as root, default socket).
 */
final class LocalDocker {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Path TEMP = Path.of("/tmp");

  private static final System.Logger LOG = System.getLogger(LocalDocker.class.getName());
  private static final String HOW_TO =
      "Install Docker ('apt-get install -y docker.io' on Debian/Ubuntu) and start it as root"
          + " ('dockerd > /var/log/dockerd.log 2>&1 &' or 'systemctl start docker'), or set"
          + " DOCKER_HOST to a daemon this user may reach.";

  private final EngineEndpoint endpoint;
  private final @Nullable List<String> startCommand;
  private final String whyNoStart;
  private final Commands commands;
  private final Duration startTimeout;
  private final Path logDir;

  LocalDocker(
      EngineEndpoint endpoint,
      @Nullable List<String> startCommand,
      String whyNoStart,
      Commands commands,
      Duration startTimeout,
      Path logDir) {
    this.endpoint = endpoint;
    this.startCommand = startCommand;
    this.whyNoStart = whyNoStart;
    this.commands = commands;
    this.startTimeout = startTimeout;
    this.logDir = logDir;
  }

  /** Decides from {@code env} where the engine is and whether we could start one there. */
  static LocalDocker fromEnvironment(Map<String, String> env) {
    EngineEndpoint endpoint = EngineEndpoint.fromEnvironment(env);
    @Nullable Path dockerd = Executables.find(env, "dockerd").orElse(null);
    String why;
    if (!endpoint.address().equals(EngineEndpoint.DEFAULT_HOST)) {
      why = "DOCKER_HOST points elsewhere, so we do not start a daemon for it";
    } else if (dockerd == null) {
      why = "dockerd is not installed";
    } else if (!Executables.runningAsRoot()) {
      why = "starting dockerd needs root and we are not root";
    } else {
      return new LocalDocker(
          endpoint, List.of(dockerd.toString()), "", new Commands(env), START_TIMEOUT, TEMP);
    }
    return new LocalDocker(endpoint, null, why, new Commands(env), START_TIMEOUT, TEMP);
  }

  /** {@return the endpoint of a daemon that answers ping, starting one if needed and allowed} */
  EngineEndpoint findOrStart() throws DockerUnavailableException {
    EngineClient client = EngineClient.create(endpoint);
    try {
      client.ping();
      return endpoint;
    } catch (EngineException e) {
      if (startCommand == null) {
        throw new DockerUnavailableException(
            "No Docker engine answers at "
                + endpoint.address()
                + " ("
                + e.reason()
                + ") and "
                + whyNoStart
                + ". "
                + HOW_TO,
            e);
      }
      start(startCommand, client, e);
      return endpoint;
    }
  }

  private void start(List<String> command, EngineClient client, EngineException firstFailure)
      throws DockerUnavailableException {
    Path log;
    Process process;
    try {
      log = Files.createTempFile(logDir, "drydock-testkit-dockerd-", ".log");
      LOG.log(Level.INFO, "No Docker engine answers; starting {0}, log in {1}", command, log);
      process =
          commands
              .builder(command, Map.of())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new DockerUnavailableException(
          "Could not start " + command + ": " + e.getMessage() + ". " + HOW_TO, e);
    }
    awaitPing(client, process, log, firstFailure);
  }

  private void awaitPing(EngineClient client, Process process, Path log, EngineException last)
      throws DockerUnavailableException {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    EngineException failure = last;
    while (System.nanoTime() < deadline) {
      try {
        client.ping();
        return;
      } catch (EngineException e) {
        failure = e;
      }
      if (!process.isAlive()) {
        break; // one last ping above failed too: another JVM's daemon would have answered
      }
      sleep(Duration.ofMillis(250));
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    boolean exited = !process.isAlive();
    if (!exited) {
      stop(process);
    }
    throw new DockerUnavailableException(
        "Started dockerd but it did not answer at "
            + endpoint.address()
            + " within "
            + startTimeout.toSeconds()
            + " s"
            + (exited ? " (it exited with " + process.exitValue() + ")" : "; stopped it")
            + ". Its log ("
            + log
            + ") ends with:\n"
            + logTail(log)
            + "\n"
            + HOW_TO,
        failure);
  }

  private static void stop(Process process) {
    try {
      Commands.kill(process);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
