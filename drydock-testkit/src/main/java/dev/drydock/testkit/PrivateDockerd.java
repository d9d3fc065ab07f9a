package dev.drydock.testkit;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.engine.EngineException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second, private dockerd for tests that need daemon flags, TLS or plugins the main daemon must
 * not get. It has its own data root, exec root, pid file, config file (empty unless given; never
 * {@code /etc/docker/daemon.json}) and Unix socket under a short {@code /tmp/ddd-*} directory, and
 * runs in a network namespace of its own, so it cannot change host networking: a second daemon in
 * the host namespace tears down the main daemon's {@code docker0}, even with {@code --bridge=none}.
 * It also gets {@code --bridge=none --iptables=false --ip-masq=false --ip-forward=false}. An
 * optional TCP listener on the host's {@code 127.0.0.1} is handed to it by socket activation.
 *
 * <pre>{@code
 * try (PrivateDockerd daemon = PrivateDockerd.builder(System.getenv()).flag("--live-restore").start()) {
 *   EngineInfo info = daemon.client().info();
 * }
 * }</pre>
 */
public final class PrivateDockerd implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PrivateDockerd.class.getName());
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dir;
  private final EngineEndpoint.Unix endpoint;
  private final int tcpPort;
  private final Commands commands;

  PrivateDockerd(
      Process process, Path dir, EngineEndpoint.Unix endpoint, int tcpPort, Commands commands) {
    this.process = process;
    this.dir = dir;
    this.endpoint = endpoint;
    this.tcpPort = tcpPort;
    this.commands = commands;
  }

  /**
   * Starts configuring a private daemon.
   *
   * @param env the environment for dockerd and docker, usually {@code System.getenv()}
   * @return a builder
   */
  public static PrivateDockerdBuilder builder(Map<String, String> env) {
    return new PrivateDockerdBuilder(env);
  }

  /** {@return the daemon's Unix socket} */
  public EngineEndpoint.Unix endpoint() {
    return endpoint;
  }

  /** {@return {@code tcp://127.0.0.1:PORT} if the daemon also listens on TCP} */
  public Optional<String> tcpAddress() {
    return tcpPort > 0 ? Optional.of("tcp://127.0.0.1:" + tcpPort) : Optional.empty();
  }

  /** {@return an Engine API client over the daemon's Unix socket} */
  public EngineClient client() {
    return EngineClient.create(endpoint);
  }

  /** {@return a docker CLI runner for the daemon's Unix socket} */
  public DockerCli cli() {
    return DockerCli.of(endpoint, commands.env());
  }

  /** {@return the daemon's private directory (data root, exec root, sockets, log)} */
  public Path directory() {
    return dir;
  }

  /** {@return the file dockerd logs to} */
  public Path logFile() {
    return dir.resolve("dockerd.log");
  }

  /** {@return the daemon's log so far, for assertions and failure messages} */
  public String log() {
    try {
      return Files.readString(logFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** {@return the dockerd process id} */
  public long pid() {
    return process.pid();
  }

  /**
   * Stops the daemon (SIGTERM, then SIGKILL after 30 s) and deletes its directory.
   *
   * @throws TestkitException if its directory cannot be removed
   */
  @Override
  public void close() throws TestkitException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "dockerd {0} ignored SIGTERM; killing it", process.pid());
        Commands.kill(process);
      }
      children.forEach(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Mounts.detachAll(dir, commands);
    } catch (IOException e) {
      throw new CommandFailedException(
          List.of("umount", dir.toString()), "an I/O error occurred: " + e, e);
    }
    Rootfs.remove(dir, commands);
  }

  /** Connects once, so that systemd-socket-activate execs dockerd; {@return whether it worked} */
  private boolean touchTcpPort() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until the daemon answers ping, or fails with its log. */
  void awaitReady(Duration timeout) throws DockerUnavailableException {
    long deadline = System.nanoTime() + timeout.toNanos();
    EngineClient client = client();
    boolean activated = tcpPort <= 0;
    while (true) {
      activated = activated || touchTcpPort();
      try {
        client.ping();
        return;
      } catch (EngineException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new DockerUnavailableException(
              "The private dockerd in "
                  + dir
                  + (process.isAlive()
                      ? " did not answer within " + timeout.toSeconds() + " s"
                      : " exited with " + process.exitValue())
                  + ". Its log ends with:\n"
                  + LocalDocker.logTail(logFile()),
              e);
        }
      }
      LocalDocker.sleep(Duration.ofMillis(200));
    }
  }
}
