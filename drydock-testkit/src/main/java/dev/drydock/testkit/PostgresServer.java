package dev.drydock.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server for integration tests: Debian's {@code postgresql} package (binaries in
 * {@code /usr/lib/postgresql/<version>/bin}), initialised in a fresh temporary directory with a
 * generated password (scram-sha-256), listening on a free loopback port. PostgreSQL refuses to run
 * as root, so under root the directory is given to the {@code postgres} OS user and the server is
 * run through {@code runuser}. One server per test JVM (kept in the root extension store, stopped
 * when the run ends); every test gets its own database from {@link #newDatabase()}. When the
 * binaries are absent the tests are skipped with a message saying what to install.
 */
public final class PostgresServer implements AutoCloseable {
  private static final String USER = "drydock";

  private final Path dir;
  private final Path bin;
  private final boolean asPostgres;
  private final int port;
  private final String password;
  private final Process process;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(
      Path dir, Path bin, boolean asPostgres, int port, String password, Process process) {
    this.dir = dir;
    this.bin = bin;
    this.asPostgres = asPostgres;
    this.port = port;
    this.password = password;
    this.process = process;
  }

  /** Resolves a {@link PostgresServer} parameter to the JVM's one server. */
  public static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(PostgresServer.class))
          .computeIfAbsent(PostgresServer.class, k -> start(), PostgresServer.class);
    }
  }

  /** {@return the installed server binaries, newest version first} */
  public static List<Path> installed() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .sorted(Comparator.comparing(Path::toString).reversed())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  public static PostgresServer start() {
    List<Path> found = installed();
    Assumptions.assumeFalse(
        found.isEmpty(),
        "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin:"
            + " apt-get install -y postgresql to run the PostgreSQL integration tests");
    Path bin = found.getFirst();
    try {
      Path dir = Files.createTempDirectory("ddt-pg");
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      boolean root = Files.getOwner(dir).getName().equals("root");
      byte[] secret = new byte[24];
      new java.security.SecureRandom().nextBytes(secret);
      String password = java.util.HexFormat.of().formatHex(secret);
      Files.writeString(dir.resolve("pw"), password + "\n", StandardCharsets.US_ASCII);
      if (root) {
        UserPrincipal postgres = users.lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
        Files.setOwner(dir.resolve("pw"), postgres);
      }
      run(
          dir,
          root,
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-U",
              USER,
              "--pwfile=" + dir.resolve("pw"),
              "--auth=scram-sha-256",
              "--encoding=UTF8",
              "--locale=C.UTF-8"));
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> command = new ArrayList<>();
      if (root) {
        command.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      command.addAll(
          List.of(
              bin.resolve("postgres").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-p",
              Integer.toString(port),
              "-k",
              dir.toString(),
              "-c",
              "listen_addresses=127.0.0.1",
              "-c",
              "fsync=off",
              "-c",
              "max_connections=60"));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("server.log").toFile())
              .start();
      PostgresServer server = new PostgresServer(dir, bin, root, port, password, process);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start PostgreSQL from " + bin + ": " + e, e);
    }
  }

  private static void run(Path dir, boolean asPostgres, List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path log = dir.resolve("tool.log");
    Process p =
        new ProcessBuilder(full)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", full) + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + full, e);
    }
  }

  private void awaitReady() throws IOException {
    SQLException last = null;
    for (int attempt = 0; attempt < 300; attempt++) {
      if (!process.isAlive()) {
        break;
      }
      try (Connection c = connect("postgres")) {
        if (c.isValid(5)) {
          return;
        }
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String log = Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    close();
    throw new IllegalStateException("PostgreSQL did not start (" + last + "):\n" + log);
  }

  private Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
  }

  /**
   * {@return the URL of a new, empty database (a postgresql:// URL, as drydock-registry's
   * JdbcDatabase takes)}
   */
  public String newDatabase() throws SQLException {
    String name = "t" + databases.incrementAndGet();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
  }

  /** {@return the password of the test role} */
  public String password() {
    return password;
  }

  /** {@return the server's major version directory, e.g. {@code 15}} */
  public String version() {
    return String.valueOf(java.util.Objects.requireNonNull(bin.getParent()).getFileName());
  }

  @Override
  public void close() {
    try {
      run(
          dir,
          asPostgres,
          List.of(
              bin.resolve("pg_ctl").toString(),
              "stop",
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "fast",
              "-w"));
    } catch (IOException | IllegalStateException e) {
      process.destroyForcibly();
    }
    try {
      process.waitFor(30, TimeUnit.SECONDS);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
