package dev.drydock.bench;

import dev.drydock.engine.EngineEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the host's files and processes say: file ownership and modes, audit rules, systemd units,
 * and the flags and {@code daemon.json} of the daemon that serves the audited endpoint. Files are
 * read below the root prefix; processes from the real {@code /proc}.
 */
final class HostFacts {
  /** Where systemd looks for unit files, in its order of precedence. */
  static final List<String> UNIT_DIRS =
      List.of(
          "/etc/systemd/system",
          "/run/systemd/system",
          "/lib/systemd/system",
          "/usr/lib/systemd/system");

  /** Where distributions install Docker's programs (Debian puts dockerd in /usr/sbin). */
  static final List<String> BIN_DIRS =
      List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin");

  static final int MAX_TEXT_BYTES = 8 << 20;

  private final Path root;
  private final EngineEndpoint endpoint;
  private final ServingDaemon serving;
  private final AuditSource auditctl;
  private final Lazy<Optional<ServingDaemon.Dockerd>> process;
  private final Lazy<DaemonConfig> daemon;
  private final Lazy<Groups> groups;
  private final Lazy<AuditRules> auditRules;

  /** Loaded audit rules of the running kernel ({@code auditctl -l}). */
  @FunctionalInterface
  interface AuditSource {
    /** {@return the rules text, or empty when they cannot be listed here} */
    Optional<String> list();
  }

  HostFacts(Path root, EngineEndpoint endpoint) {
    this(
        root,
        endpoint,
        Path.of("/proc"),
        root.equals(Path.of("/")) ? Auditctl::list : Optional::empty);
  }

  HostFacts(Path root, EngineEndpoint endpoint, Path proc, AuditSource auditctl) {
    this.root = root;
    this.endpoint = endpoint;
    this.serving = new ServingDaemon(proc);
    this.auditctl = auditctl;
    this.process = new Lazy<>(() -> serving.find(endpoint));
    this.daemon = new Lazy<>(this::collectDaemon);
    this.groups = new Lazy<>(() -> Groups.parse(readText("/etc/group").orElse("")));
    this.auditRules = new Lazy<>(this::collectAuditRules);
  }

  Path root() {
    return root;
  }

  EngineEndpoint endpoint() {
    return endpoint;
  }

  /**
   * {@return the flags and daemon.json of the daemon serving the endpoint}
   *
   * @throws BenchException when its daemon.json cannot be read or parsed, or two daemons hold the
   *     endpoint's socket
   */
  DaemonConfig daemon() throws BenchException {
    return daemon.get();
  }

  /**
   * {@return the daemon.json path the serving daemon reads, without parsing the file} Checks of the
   * file itself (mode, owner, audit watch) work even when its content is broken.
   */
  String daemonConfigFile() throws BenchException {
    Optional<ServingDaemon.Dockerd> found = process.get();
    if (found.isEmpty()) {
      return DaemonConfig.DEFAULT_CONFIG_FILE;
    }
    try {
      return DaemonConfig.configFileOf(DaemonArgs.parse(found.get().argv()));
    } catch (IllegalArgumentException e) {
      throw new BenchException("Could not read the dockerd command line: " + e.getMessage(), e);
    }
  }

  private DaemonConfig collectDaemon() throws BenchException {
    Optional<ServingDaemon.Dockerd> found = process.get();
    if (found.isEmpty()) {
      return DaemonConfig.remote(
          "no local dockerd process serves "
              + endpoint.address()
              + " (remote daemon, or /proc not readable), so its flags and daemon.json are unknown");
    }
    DaemonArgs args;
    try {
      args = DaemonArgs.parse(found.get().argv());
    } catch (IllegalArgumentException e) {
      throw new BenchException("Could not read the dockerd command line: " + e.getMessage(), e);
    }
    String config = DaemonConfig.configFileOf(args);
    return DaemonConfig.local(
        found.get(), args, config, DaemonJson.load(root, config).orElse(null));
  }

  /** {@return the TCP addresses the serving daemon listens on, per its open sockets} */
  List<String> daemonTcpListeners() throws BenchException {
    return daemon().process().map(serving::tcpListening).orElse(List.of());
  }

  /** {@return the serving daemon's user ID, or -1 when unknown} */
  int daemonUid() throws BenchException {
    return daemon().process().map(serving::uid).orElse(-1);
  }

  /**
   * {@return stat of a host file below the root, empty when absent}
   *
   * @throws BenchException when it exists but cannot be read
   */
  Optional<HostFile> file(String hostPath) throws BenchException {
    return HostFile.stat(root, hostPath);
  }

  boolean isDirectory(String hostPath) {
    return Files.isDirectory(HostPaths.under(root, hostPath));
  }

  boolean exists(String hostPath) {
    return HostPaths.exists(HostPaths.under(root, hostPath));
  }

  /** {@return whether the two host paths are on different file systems} */
  boolean separateFileSystem(String hostPath, String from) throws BenchException {
    try {
      Object a = Files.getAttribute(HostPaths.under(root, hostPath), "unix:dev");
      Object b = Files.getAttribute(HostPaths.under(root, from), "unix:dev");
      return !a.equals(b);
    } catch (IOException | UnsupportedOperationException e) {
      throw new BenchException("Could not stat " + hostPath + ": " + e.getMessage(), e);
    }
  }

  Groups groups() throws BenchException {
    return groups.get();
  }

  /** {@return users whose primary group is {@code gid}, from {@code /etc/passwd}} */
  List<String> primaryMembers(int gid) {
    List<String> out = new ArrayList<>();
    for (String line : readText("/etc/passwd").orElse("").split("\n", -1)) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && f[3].equals(Integer.toString(gid))) {
        out.add(f[0]);
      }
    }
    return out;
  }

  /** {@return the user name of a uid, from {@code /etc/passwd}} */
  Optional<String> userName(int uid) {
    for (String line : readText("/etc/passwd").orElse("").split("\n", -1)) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[2].equals(Integer.toString(uid))) {
        return Optional.of(f[0]);
      }
    }
    return Optional.empty();
  }

  AuditRules auditRules() throws BenchException {
    return auditRules.get();
  }

  private AuditRules collectAuditRules() {
    List<AuditRules.Watch> watches = new ArrayList<>();
    Optional<String> loaded = auditctl.list();
    if (loaded.isPresent()) {
      // The kernel's rules are the truth: rules files that were never loaded audit nothing.
      return AuditRules.of(AuditRules.parse(loaded.get(), "auditctl -l"));
    }
    List<String> files = new ArrayList<>(List.of("/etc/audit/audit.rules"));
    files.addAll(listDir("/etc/audit/rules.d", ".rules"));
    for (String f : files) {
      readText(f).ifPresent(t -> watches.addAll(AuditRules.parse(t, f)));
    }
    return AuditRules.of(watches);
  }

  /** {@return the host paths of a systemd unit, in systemd's precedence order} */
  List<String> units(String name) {
    List<String> out = new ArrayList<>();
    for (String dir : UNIT_DIRS) {
      String p = dir + "/" + name;
      Path under = HostPaths.under(root, p);
      // /lib is often a link to /usr/lib: keep one name per file
      if (Files.isRegularFile(under) && out.stream().noneMatch(o -> same(o, under))) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * {@return the host paths where a program is installed} For dockerd, the serving process's own
   * program is included first.
   */
  List<String> binaries(String name) throws BenchException {
    TreeSet<String> out = new TreeSet<>();
    if (name.equals("dockerd")) {
      daemon()
          .process()
          .map(ServingDaemon.Dockerd::exe)
          .filter(e -> !e.isEmpty())
          .ifPresent(out::add);
    }
    for (String dir : BIN_DIRS) {
      String p = dir + "/" + name;
      Path under = HostPaths.under(root, p);
      // /bin and /sbin are often links to /usr/bin and /usr/sbin: keep one name per file
      if (Files.isRegularFile(under) && out.stream().noneMatch(o -> same(o, under))) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  private boolean same(String hostPath, Path under) {
    try {
      Path o = HostPaths.under(root, hostPath);
      return Files.exists(o) && Files.isSameFile(o, under);
    } catch (IOException e) {
      return false;
    }
  }

  /** {@return the containerd socket the serving daemon talks to} */
  String containerdSocket() throws BenchException {
    DaemonConfig d = daemon();
    Optional<DaemonConfig.Setting> flag = d.setting("containerd", "containerd");
    if (flag.isPresent()) {
      return flag.get().first().replaceFirst("^unix://", "");
    }
    // dockerd uses a system containerd when its socket exists, else starts its own.
    String system = "/run/containerd/containerd.sock";
    if (exists(system) || !d.local()) {
      return system;
    }
    return d.execRoot() + "/containerd/containerd.sock";
  }

  /** {@return the names of the files in a host directory ending with a suffix, sorted} */
  List<String> listDir(String hostDir, String suffix) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(HostPaths.under(root, hostDir))) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (n.endsWith(suffix) && out.size() < 10_000) {
          out.add(hostDir + "/" + n);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }

  /** {@return a host text file's content, empty when absent or unreadable} */
  Optional<String> readText(String hostPath) {
    Path p = HostPaths.under(root, hostPath);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(p)) {
      return Optional.of(new String(in.readNBytes(MAX_TEXT_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
