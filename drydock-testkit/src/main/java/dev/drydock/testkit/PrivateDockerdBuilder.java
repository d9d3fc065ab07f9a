package dev.drydock.testkit;

import dev.drydock.engine.EngineEndpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Configures and starts a {@link PrivateDockerd}. */
public final class PrivateDockerdBuilder {
  private static final System.Logger LOG = System.getLogger(PrivateDockerdBuilder.class.getName());

  private final Map<String, String> env;
  private int tcpPort = -1;
  private @Nullable List<Path> tls;
  private @Nullable Path configFile;
  private final List<String> flags = new ArrayList<>();
  private Duration startTimeout = Duration.ofSeconds(60);

  PrivateDockerdBuilder(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Also listens on {@code tcp://127.0.0.1:port}.
   *
   * @param port the port, or 0 to pick a free one
   * @return this builder
   */
  public PrivateDockerdBuilder tcp(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    this.tcpPort = port;
    return this;
  }

  /**
   * Requires TLS with client certificates on the TCP listener ({@code --tlsverify}).
   *
   * @param caCert the CA that client certificates must chain to ({@code --tlscacert})
   * @param serverCert the daemon's certificate ({@code --tlscert})
   * @param serverKey the daemon's private key ({@code --tlskey})
   * @return this builder
   */
  public PrivateDockerdBuilder tls(Path caCert, Path serverCert, Path serverKey) {
    this.tls = List.of(caCert, serverCert, serverKey);
    return this;
  }

  /**
   * Uses {@code daemonJson} as the daemon's {@code --config-file}.
   *
   * @param daemonJson a daemon.json file
   * @return this builder
   */
  public PrivateDockerdBuilder configFile(Path daemonJson) {
    this.configFile = Objects.requireNonNull(daemonJson, "daemonJson");
    return this;
  }

  /**
   * Adds dockerd command-line flags, e.g. {@code --live-restore}.
   *
   * @param extra the flags
   * @return this builder
   */
  public PrivateDockerdBuilder flag(String... extra) {
    flags.addAll(List.of(extra));
    return this;
  }

  /**
   * Sets how long to wait for the daemon to answer (default 60 s).
   *
   * @param timeout the start timeout
   * @return this builder
   */
  public PrivateDockerdBuilder startTimeout(Duration timeout) {
    this.startTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Starts the daemon and waits until it answers ping.
   *
   * @return the running daemon; close it to stop it and delete its files
   * @throws TestkitException if dockerd is missing, we are not root, or it does not come up
   */
  public PrivateDockerd start() throws TestkitException {
    if (tls != null && tcpPort < 0) {
      throw new IllegalStateException("tls(...) needs tcp(port) as well");
    }
    if (!Executables.runningAsRoot()) {
      throw new DockerUnavailableException("A private dockerd needs root; run the tests as root.");
    }
    List<String> launcher = launcher();
    Commands commands = new Commands(env);
    try {
      // Short: the exec root holds containerd's socket, and socket paths max out at 107 bytes.
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "ddd-");
      int port = tcpPort == 0 ? freePort() : tcpPort;
      List<String> command = new ArrayList<>(port > 0 ? socketActivation(port) : List.of());
      command.addAll(launcher);
      command.addAll(daemonFlags(dir, port));
      LOG.log(Level.INFO, "Starting private dockerd: {0}", command);
      Process process =
          commands
              .builder(command, Map.of())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("dockerd.log").toFile())
              .start();
      PrivateDockerd daemon =
          new PrivateDockerd(
              process, dir, new EngineEndpoint.Unix(dir.resolve("d.sock")), port, commands);
      try {
        daemon.awaitReady(startTimeout);
      } catch (TestkitException | RuntimeException e) {
        daemon.close();
        throw e;
      }
      return daemon;
    } catch (IOException e) {
      throw new CommandFailedException(launcher, "an I/O error occurred: " + e, e);
    }
  }

  /**
   * {@return the command prefix that runs dockerd in a network namespace of its own} Whatever
   * dockerd does to networking stays in there: even {@code --bridge=none} deletes the host's {@code
   * docker0} when run in the host namespace (dockerd's {@code removeDefaultBridgeInterface}).
   */
  private List<String> launcher() throws DockerUnavailableException {
    String dockerd = tool("dockerd", "apt-get install -y docker.io");
    String unshare = tool("unshare", "apt-get install -y util-linux");
    String ip = tool("ip", "apt-get install -y iproute2");
    return List.of(
        unshare, "--net", "--", "sh", "-c", "\"$0\" link set lo up && exec \"$@\"", ip, dockerd);
  }

  /**
   * {@return a prefix that opens the TCP listener in the host namespace and hands it to dockerd as
   * fd 3 ({@code -H fd://})} It keeps its PID through exec, as {@code LISTEN_PID} requires, and
   * execs on the first connection, which {@link PrivateDockerd#awaitReady} makes.
   */
  private List<String> socketActivation(int port) throws DockerUnavailableException {
    String activate = tool("systemd-socket-activate", "apt-get install -y systemd");
    return List.of(activate, "--listen=127.0.0.1:" + port, "--setenv=PATH", "--");
  }

  private String tool(String name, String install) throws DockerUnavailableException {
    return Executables.find(env, name)
        .map(Path::toString)
        .orElseThrow(
            () ->
                new DockerUnavailableException(
                    "A private dockerd needs " + name + ", which is not installed: " + install));
  }

  private List<String> daemonFlags(Path dir, int port) throws IOException {
    Path config = configFile;
    if (config == null) {
      // Never read the main daemon's /etc/docker/daemon.json.
      config = Files.writeString(dir.resolve("daemon.json"), "{}\n", StandardCharsets.UTF_8);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "--data-root",
                dir.resolve("data").toString(),
                "--exec-root",
                dir.resolve("x").toString(),
                "--pidfile",
                dir.resolve("d.pid").toString(),
                "--config-file",
                config.toString(),
                "--host",
                "unix://" + dir.resolve("d.sock"),
                "--bridge=none",
                "--iptables=false",
                "--ip-masq=false",
                "--ip-forward=false"));
    if (port > 0) {
      command.addAll(List.of("--host", "fd://"));
    }
    List<Path> tlsFiles = tls;
    if (tlsFiles != null) {
      command.addAll(
          List.of(
              "--tlsverify",
              "--tlscacert",
              tlsFiles.get(0).toString(),
              "--tlscert",
              tlsFiles.get(1).toString(),
              "--tlskey",
              tlsFiles.get(2).toString()));
    }
    command.addAll(flags);
    return command;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
