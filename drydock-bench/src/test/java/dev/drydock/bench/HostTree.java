package dev.drydock.bench;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a hostile host under a temporary directory: files with chosen modes and numeric owners,
 * and a fake {@code /proc} with dockerd processes and their sockets. Checks are evaluated against
 * it one by one, a check's {@link BenchException} becoming an ERROR finding as in {@link Bench}.
 */
final class HostTree {
  static final EngineEndpoint.Unix SOCKET =
      new EngineEndpoint.Unix(Path.of("/run/ddtest/docker.sock"));

  final Path root;
  final Path proc;
  private final List<String> auditctl = new ArrayList<>();
  private long nextInode = 1000;

  HostTree(Path dir) throws IOException {
    this.root = Files.createDirectories(dir.resolve("root"));
    this.proc = Files.createDirectories(dir.resolve("proc"));
    Files.createDirectories(proc.resolve("net"));
  }

  /** Writes a host file with a mode (octal bits) and numeric owner. */
  HostTree file(String hostPath, String content, int mode, int uid, int gid) throws IOException {
    Path p = root.resolve(hostPath.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return own(p, mode, uid, gid);
  }

  HostTree dir(String hostPath, int mode, int uid, int gid) throws IOException {
    return own(Files.createDirectories(root.resolve(hostPath.substring(1))), mode, uid, gid);
  }

  HostTree link(String hostPath, String target) throws IOException {
    Path p = root.resolve(hostPath.substring(1));
    Files.createDirectories(p.getParent());
    Files.createSymbolicLink(p, Path.of(target));
    return this;
  }

  private HostTree own(Path p, int mode, int uid, int gid) throws IOException {
    Files.setAttribute(p, "unix:uid", uid);
    Files.setAttribute(p, "unix:gid", gid);
    // setAttribute("unix:mode") keeps setuid/setgid/sticky bits, which POSIX permissions cannot
    Files.setAttribute(p, "unix:mode", mode);
    return this;
  }

  static Set<java.nio.file.attribute.PosixFilePermission> perms(String text) {
    return PosixFilePermissions.fromString(text);
  }

  /** Rules {@code auditctl -l} will list. */
  HostTree loaded(String rule) {
    auditctl.add(rule);
    return this;
  }

  /**
   * Adds a dockerd process listening on a Unix socket.
   *
   * @param ownNetns true to put the socket only in the process's own {@code net/unix}, as for a
   *     daemon in a network namespace of its own
   */
  HostTree dockerd(long pid, String socket, boolean ownNetns, String... args) throws IOException {
    Path dir = process(pid, "dockerd", "/usr/sbin/dockerd", args);
    long inode = nextInode++;
    String line =
        "0000000000000000: 00000002 00000000 00010000 0001 01 " + inode + " " + socket + "\n";
    String header = "Num       RefCount Protocol Flags    Type St Inode Path\n";
    Path table = ownNetns ? dir.resolve("net/unix") : proc.resolve("net/unix");
    if (!Files.exists(table)) {
      Files.writeString(table, header);
    }
    Files.writeString(table, line, java.nio.file.StandardOpenOption.APPEND);
    // a connected client socket with the same path must not count
    Files.writeString(
        table,
        "0000000000000001: 00000002 00000000 00000000 0001 03 "
            + (inode + 50_000)
            + " "
            + socket
            + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.createSymbolicLink(dir.resolve("fd/3"), Path.of("socket:[" + inode + "]"));
    return this;
  }

  /** Adds a TCP listener ({@code net/tcp} in the host namespace) held by the process. */
  HostTree tcpListener(long pid, String hexAddress, int port) throws IOException {
    long inode = nextInode++;
    Path table = proc.resolve("net/tcp");
    if (!Files.exists(table)) {
      Files.writeString(
          table,
          "  sl  local_address rem_address   st tx_queue rx_queue tr"
              + " tm->when retrnsmt   uid  timeout inode\n");
    }
    Files.writeString(
        table,
        String.format(
            java.util.Locale.ROOT,
            "   0: %s:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0"
                + " %d 1 0000000000000000 100 0 0 10 0%n",
            hexAddress,
            port,
            inode),
        java.nio.file.StandardOpenOption.APPEND);
    Files.createSymbolicLink(
        proc.resolve(pid + "/fd/" + (4 + inode % 1000)), Path.of("socket:[" + inode + "]"));
    return this;
  }

  Path process(long pid, String comm, String exe, String... args) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.createDirectories(dir.resolve("fd"));
    Files.createDirectories(dir.resolve("net"));
    Files.writeString(dir.resolve("comm"), comm + "\n");
    Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
    StringBuilder cmd = new StringBuilder(exe).append('\0');
    for (String a : args) {
      cmd.append(a).append('\0');
    }
    Files.writeString(dir.resolve("cmdline"), cmd.toString());
    Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\n");
    return dir;
  }

  HostFacts facts(EngineEndpoint endpoint) {
    List<String> rules = List.copyOf(auditctl);
    return new HostFacts(
        root,
        endpoint,
        proc,
        () -> rules.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", rules)));
  }

  /** {@return the findings of one check against this tree, audited through {@code endpoint}} */
  List<Finding> check(String id, EngineEndpoint endpoint, List<String> trusted) {
    BenchContext ctx =
        new BenchContext(
            new EngineFacts(EngineClient.create(endpoint)),
            facts(endpoint),
            HostAudits.options(root, trusted));
    Check check =
        Catalog.all().stream()
            .filter(c -> c.info().id().equals(id))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no check " + id));
    try {
      return check.evaluate(ctx);
    } catch (BenchException e) {
      return List.of(
          check.info().finding(Status.ERROR, "host", String.valueOf(e.getMessage())).build());
    }
  }

  List<Finding> check(String id) {
    return check(id, SOCKET, List.of());
  }
}
