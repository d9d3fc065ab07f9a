package dev.drydock.bench;

import dev.drydock.engine.EngineEndpoint;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the dockerd process that serves an endpoint, from {@code /proc}: the listening socket's
 * inode (in {@code /proc/<pid>/net/unix} or {@code net/tcp}/{@code tcp6}, read for every candidate
 * because a daemon may run in a network namespace of its own), then the dockerd process that holds
 * {@code socket:[inode]} among its file descriptors. This works for sockets handed over by systemd
 * ({@code -H fd://}) too, and never confuses two daemons the way "the newest dockerd" does.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc_pid_net.5.html">proc_pid_net(5)</a>
 */
final class ServingDaemon {
  static final int MAX_PROCESSES = 100_000;
  static final int MAX_FDS = 100_000;
  static final int MAX_TABLE_BYTES = 64 << 20;

  /** The kernel's {@code __SO_ACCEPTCON} flag in {@code net/unix}: the socket listens. */
  private static final int SO_ACCEPTCON = 0x10000;

  /** {@code TCP_LISTEN} in the {@code st} column of {@code net/tcp}. */
  private static final String TCP_LISTEN = "0A";

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
  private static final Pattern PORT_HEX = Pattern.compile("[0-9A-Fa-f]{4}");

  /**
   * One dockerd process.
   *
   * @param pid its process ID
   * @param argv its command line
   * @param exe the program it runs, from {@code /proc/<pid>/exe}; empty when unreadable
   */
  record Dockerd(long pid, List<String> argv, String exe) {
    Dockerd {
      argv = List.copyOf(argv);
    }
  }

  private final Path proc;

  ServingDaemon(Path proc) {
    this.proc = proc;
  }

  /**
   * {@return the dockerd serving the endpoint, or empty when no local dockerd does}
   *
   * @throws BenchException when more than one dockerd holds the listening socket
   */
  Optional<Dockerd> find(EngineEndpoint endpoint) throws BenchException {
    List<Dockerd> candidates = candidates();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Set<Long> inodes =
        switch (endpoint) {
          case EngineEndpoint.Unix u -> unixListeners(candidates, u.socket());
          case EngineEndpoint.Tcp t -> tcpListeners(candidates, t.host(), t.port());
          case EngineEndpoint.Tls t -> tcpListeners(candidates, t.host(), t.port());
        };
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    List<Dockerd> holders = new ArrayList<>();
    for (Dockerd p : candidates) {
      if (!java.util.Collections.disjoint(socketInodes(p.pid()), inodes)) {
        holders.add(p);
      }
    }
    if (holders.size() > 1 && endpoint instanceof EngineEndpoint.Unix) {
      // a socket path means something only in its mount namespace: a dockerd in a container
      // (docker-in-docker) may listen on the same path in its own
      String mine = link(proc.resolve("self/ns/mnt"));
      List<Dockerd> same =
          holders.stream()
              .filter(p -> link(proc.resolve(p.pid() + "/ns/mnt")).equals(mine))
              .toList();
      if (!same.isEmpty()) {
        holders = new ArrayList<>(same);
      }
    }
    if (holders.size() > 1) {
      throw new BenchException(
          "Several dockerd processes hold the socket of "
              + endpoint.address()
              + ": pids "
              + holders.stream().map(p -> Long.toString(p.pid())).toList()
              + ". Stop the stale one or audit each daemon by its own socket.");
    }
    return holders.stream().findFirst();
  }

  /** {@return every TCP port (with its address) the process listens on} */
  List<String> tcpListening(Dockerd p) {
    Set<Long> mine = socketInodes(p.pid());
    List<String> out = new ArrayList<>();
    for (TcpEntry e : tcpTable(List.of(p))) {
      if (e.listening() && mine.contains(e.inode())) {
        String a = e.address().getHostAddress();
        String shown = (a.contains(":") ? "[" + a + "]" : a) + ":" + e.port();
        if (!out.contains(shown)) {
          out.add(shown);
        }
      }
    }
    return out;
  }

  /** {@return the process's real user ID from {@code /proc/<pid>/status}, or -1} */
  int uid(Dockerd p) {
    for (String line : lines(proc.resolve(Long.toString(p.pid())).resolve("status"))) {
      if (line.startsWith("Uid:")) {
        String[] f = line.substring(4).strip().split("\\s+", -1);
        try {
          return Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  List<Dockerd> candidates() {
    List<Dockerd> out = new ArrayList<>();
    int seen = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path dir : dirs) {
        if (++seen > MAX_PROCESSES) {
          break;
        }
        String comm = read(dir.resolve("comm")).strip();
        String exe = "";
        try {
          exe = Files.readSymbolicLink(dir.resolve("exe")).toString().replace(" (deleted)", "");
        } catch (IOException | UnsupportedOperationException e) {
          // exited, or a kernel thread: keep the name from comm
        }
        String base = exe.substring(exe.lastIndexOf('/') + 1);
        if (!comm.equals("dockerd") && !base.equals("dockerd")) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        String cmdline = read(dir.resolve("cmdline"));
        if (cmdline.isEmpty()) {
          continue; // a zombie or kernel thread
        }
        List<String> argv = new ArrayList<>(List.of(cmdline.split("\0", -1)));
        if (argv.get(argv.size() - 1).isEmpty()) {
          argv.remove(argv.size() - 1); // the terminating NUL
        }
        out.add(new Dockerd(pid, argv, exe));
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private Set<Long> unixListeners(List<Dockerd> candidates, Path socket) {
    Set<Long> inodes = new TreeSet<>();
    for (Path table : tables(candidates, "unix")) {
      for (String line : lines(table)) {
        // Num RefCount Protocol Flags Type St Inode Path
        String[] f = line.strip().split("\\s+", 8);
        if (f.length < 8 || f[0].equals("Num")) {
          continue;
        }
        try {
          int flags = Integer.parseInt(f[3], 16);
          if ((flags & SO_ACCEPTCON) != 0 && samePath(f[7], socket)) {
            inodes.add(Long.parseLong(f[6]));
          }
        } catch (NumberFormatException e) {
          // a malformed line: skip it
        }
      }
    }
    return inodes;
  }

  private static boolean samePath(String listed, Path socket) {
    if (listed.equals(socket.toString())) {
      return true;
    }
    Path p = Path.of(listed);
    try {
      return Files.exists(p) && Files.exists(socket) && Files.isSameFile(p, socket);
    } catch (IOException e) {
      return false;
    }
  }

  private Set<Long> tcpListeners(List<Dockerd> candidates, String host, int port) {
    Set<InetAddress> wanted = localAddresses(host);
    Set<Long> inodes = new TreeSet<>();
    if (wanted.isEmpty()) {
      return inodes; // the host is not this machine
    }
    for (TcpEntry e : tcpTable(candidates)) {
      if (e.listening()
          && e.port() == port
          && (e.address().isAnyLocalAddress() || wanted.contains(e.address()))) {
        inodes.add(e.inode());
      }
    }
    return inodes;
  }

  /** {@return the addresses {@code host} stands for, if they are this machine's; else empty} */
  private static Set<InetAddress> localAddresses(String host) {
    Set<InetAddress> out = new LinkedHashSet<>();
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (a.isLoopbackAddress()
            || a.isAnyLocalAddress()
            || NetworkInterface.getByInetAddress(a) != null) {
          out.add(a);
        }
      }
    } catch (UnknownHostException | SocketException e) {
      return Set.of();
    }
    return out;
  }

  record TcpEntry(InetAddress address, int port, boolean listening, long inode) {}

  private List<TcpEntry> tcpTable(List<Dockerd> candidates) {
    List<TcpEntry> out = new ArrayList<>();
    for (String kind : List.of("tcp", "tcp6")) {
      for (Path table : tables(candidates, kind)) {
        for (String line : lines(table)) {
          parseTcp(line).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /** Parses {@code sl local_address rem_address st ... uid timeout inode}. */
  static Optional<TcpEntry> parseTcp(String line) {
    String[] f = line.strip().split("\\s+", -1);
    if (f.length < 10 || !f[0].endsWith(":")) {
      return Optional.empty();
    }
    String[] local = f[1].split(":", -1);
    // The kernel prints the address as 8 or 32 hex digits and the port as exactly 4 (%04X):
    // anything else (a sign, more digits) is not a table line, and would yield ports over 65535.
    if (local.length != 2
        || (local[0].length() != 8 && local[0].length() != 32)
        || !HEX.matcher(local[0]).matches()
        || !PORT_HEX.matcher(local[1]).matches()) {
      return Optional.empty();
    }
    try {
      byte[] raw = new byte[local[0].length() / 2];
      // The kernel prints each 32-bit word of the address in host (little-endian) order.
      for (int word = 0; word < raw.length / 4; word++) {
        for (int b = 0; b < 4; b++) {
          int at = word * 8 + (3 - b) * 2;
          raw[word * 4 + b] = (byte) Integer.parseInt(local[0].substring(at, at + 2), 16);
        }
      }
      return Optional.of(
          new TcpEntry(
              InetAddress.getByAddress(raw),
              Integer.parseInt(local[1], 16),
              f[3].equals(TCP_LISTEN),
              new BigInteger(f[9]).longValueExact()));
    } catch (NumberFormatException | UnknownHostException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** {@return this namespace's table and each candidate's, without repeats} */
  private List<Path> tables(List<Dockerd> candidates, String name) {
    Set<Path> out = new LinkedHashSet<>();
    out.add(proc.resolve("net").resolve(name));
    for (Dockerd p : candidates) {
      out.add(proc.resolve(Long.toString(p.pid())).resolve("net").resolve(name));
    }
    return List.copyOf(out);
  }

  private Set<Long> socketInodes(long pid) {
    Set<Long> out = new TreeSet<>();
    int seen = 0;
    try (DirectoryStream<Path> fds =
        Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("fd"))) {
      for (Path fd : fds) {
        if (++seen > MAX_FDS) {
          break;
        }
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            out.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException | NumberFormatException e) {
          // closed meanwhile, or not a socket
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private static String link(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static List<String> lines(Path file) {
    String text = read(file);
    return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
  }

  private static String read(Path file) {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_TABLE_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
