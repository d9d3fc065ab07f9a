package dev.drydock.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Debian's {@code docker-registry} (CNCF distribution 2.8, the reference registry) on a free
 * loopback port, for integration tests: filesystem storage under a work directory, deletes enabled,
 * optionally htpasswd Basic auth and TLS with a certificate issued by a throwaway CA. The
 * registry's output goes to {@link #log()}; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (ReferenceRegistry registry =
 *     ReferenceRegistry.start(tmp, ReferenceRegistry.Options.anonymous().withTls())) {
 *   registry.hostPort(); // 127.0.0.1:<port>
 *   registry.caPem();    // the CA to trust
 * }
 * }</pre>
 *
 * Needs the Debian packages {@code docker-registry}, {@code apache2-utils} (htpasswd) and {@code
 * openssl}.
 */
public final class ReferenceRegistry implements AutoCloseable {
  private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);
  private static final int START_POLLS = 200;

  private final Process process;
  private final String hostPort;
  private final Options options;
  private final @Nullable Path caPem;
  private final Path log;

  /**
   * How to run the registry.
   *
   * @param user the htpasswd user, or null for anonymous access
   * @param password the user's password, or null for anonymous access
   * @param tls serve HTTPS with a certificate for {@code 127.0.0.1} and {@code localhost} from a
   *     new CA ({@link #caPem()})
   * @param storage the storage directory (shared by several registries), or null for one under the
   *     work directory
   */
  public record Options(
      @Nullable String user, @Nullable String password, boolean tls, @Nullable Path storage) {
    /** Validates. */
    public Options {
      if ((user == null) != (password == null)) {
        throw new IllegalArgumentException("give both user and password, or neither");
      }
    }

    /** {@return plain HTTP without authentication} */
    public static Options anonymous() {
      return new Options(null, null, false, null);
    }

    /** {@return plain HTTP with htpasswd Basic authentication} */
    public static Options basicAuth(String user, String password) {
      return new Options(
          Objects.requireNonNull(user, "user"),
          Objects.requireNonNull(password, "password"),
          false,
          null);
    }

    /** {@return these options with TLS} */
    public Options withTls() {
      return new Options(user, password, true, storage);
    }

    /** {@return these options storing blobs and manifests in {@code directory}} */
    public Options withStorage(Path directory) {
      return new Options(user, password, tls, Objects.requireNonNull(directory, "directory"));
    }
  }

  private ReferenceRegistry(
      Process process, String hostPort, Options options, @Nullable Path caPem, Path log) {
    this.process = process;
    this.hostPort = hostPort;
    this.options = options;
    this.caPem = caPem;
    this.log = log;
  }

  /**
   * Starts a registry and waits until it listens.
   *
   * @param work a directory of its own (config, storage, certificates, log)
   * @throws CommandFailedException when a tool is missing or the registry does not start
   */
  public static ReferenceRegistry start(Path work, Options options)
      throws TestkitException, IOException, InterruptedException {
    Files.createDirectories(work);
    Commands commands = new Commands(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String hostPort = "127.0.0.1:" + port;
    Path storage = options.storage() != null ? options.storage() : work.resolve("data");
    Files.createDirectories(storage);
    StringBuilder config =
        new StringBuilder("version: 0.1\n")
            .append("log:\n  level: info\n")
            .append("storage:\n  filesystem:\n    rootdirectory: ")
            .append(storage)
            .append("\n  delete:\n    enabled: true\n")
            .append("http:\n  addr: ")
            .append(hostPort)
            .append('\n');
    Path ca = null;
    if (options.tls()) {
      ca = issueCertificate(commands, work);
      config
          .append("  tls:\n    certificate: ")
          .append(work.resolve("server.crt"))
          .append("\n    key: ")
          .append(work.resolve("server.key"))
          .append('\n');
    }
    if (options.user() != null) {
      CommandResult entry =
          commands.run(
              List.of(
                  "htpasswd", "-Bbn", options.user(), Objects.requireNonNull(options.password())),
              Map.of(),
              COMMAND_TIMEOUT);
      Files.writeString(work.resolve("htpasswd"), entry.stdout());
      config
          .append("auth:\n  htpasswd:\n    realm: drydock-test\n    path: ")
          .append(work.resolve("htpasswd"))
          .append('\n');
    }
    Path configFile = work.resolve("config.yml");
    Files.writeString(configFile, config);
    Path log = work.resolve("registry.log");
    List<String> command = List.of(REGISTRY.toString(), "serve", configFile.toString());
    Process process =
        commands
            .builder(command, Map.of())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ReferenceRegistry registry = new ReferenceRegistry(process, hostPort, options, ca, log);
    for (int i = 0; i < START_POLLS; i++) {
      if (!process.isAlive()) {
        throw new CommandFailedException(
            command, process.exitValue(), registry.logTail(), "it exited at start");
      }
      try (Socket _ = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return registry;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    registry.close();
    throw new CommandFailedException(
        command, -1, registry.logTail(), "it did not listen on " + hostPort + " within 10 s");
  }

  /** A CA and a server certificate for 127.0.0.1, ::1 and localhost, valid for a day. */
  private static Path issueCertificate(Commands commands, Path work)
      throws CommandFailedException, IOException {
    Path ca = work.resolve("ca.crt");
    String dir = work.toString();
    commands.run(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            dir + "/ca.key",
            "-out",
            ca.toString(),
            "-days",
            "1",
            "-subj",
            "/CN=drydock-test-registry-CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign"),
        Map.of(),
        COMMAND_TIMEOUT);
    commands.run(
        List.of(
            "openssl",
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            dir + "/server.key",
            "-out",
            dir + "/server.csr",
            "-subj",
            "/CN=127.0.0.1"),
        Map.of(),
        COMMAND_TIMEOUT);
    Files.writeString(
        work.resolve("server.ext"),
        "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    commands.run(
        List.of(
            "openssl",
            "x509",
            "-req",
            "-in",
            dir + "/server.csr",
            "-CA",
            ca.toString(),
            "-CAkey",
            dir + "/ca.key",
            "-CAcreateserial",
            "-out",
            dir + "/server.crt",
            "-days",
            "1",
            "-extfile",
            dir + "/server.ext"),
        Map.of(),
        COMMAND_TIMEOUT);
    return ca;
  }

  /** {@return {@code 127.0.0.1:<port>}, as in image references} */
  public String hostPort() {
    return hostPort;
  }

  /** {@return whether it serves HTTPS} */
  public boolean tls() {
    return options.tls();
  }

  /** {@return the htpasswd user, or null when access is anonymous} */
  public @Nullable String user() {
    return options.user();
  }

  /** {@return the user's password, or null when access is anonymous} */
  public @Nullable String password() {
    return options.password();
  }

  /** {@return the CA certificate (PEM) that issued the server certificate, or null without TLS} */
  public @Nullable Path caPem() {
    return caPem;
  }

  /** {@return the registry's log file} */
  public Path log() {
    return log;
  }

  /** {@return the end of the log, for failure messages} */
  public String logTail() {
    try {
      String text = Commands.tail(log);
      return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the registry. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        Commands.kill(process);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
