package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which bind mounts give a container a host's sensitive directory or the Docker socket. Paths are
 * compared lexically after normalising {@code .}, {@code ..}, repeated and trailing slashes and the
 * {@code /var/run} → {@code /run} symlink that every current distribution has; the source as Docker
 * recorded it is what the container sees.
 */
final class HostMounts {
  private HostMounts() {}

  /**
   * CIS 5.6's sensitive host directories ({@code /lib64} since v1.7.0). {@code /} is sensitive even
   * read-only.
   */
  static final List<String> SENSITIVE =
      List.of("/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sys", "/usr");

  /** The Docker socket's usual paths, besides the audited endpoint's own. */
  static final List<String> DEFAULT_SOCKETS = List.of("/run/docker.sock");

  /** {@return the path normalised, with {@code /var/run} read as {@code /run}} */
  static String normalise(String path) {
    String p = Path.of(path.isEmpty() ? "/" : path).normalize().toString();
    if (!p.startsWith("/")) {
      return p;
    }
    if (p.equals("/var/run") || p.startsWith("/var/run/")) {
      p = "/run" + p.substring("/var/run".length());
    }
    return p;
  }

  /**
   * {@return whether {@code ancestor} is {@code path} or a directory above it (both normalised)}
   */
  static boolean within(String path, String ancestor) {
    return path.equals(ancestor)
        || ancestor.equals("/")
        || path.startsWith(ancestor.endsWith("/") ? ancestor : ancestor + "/");
  }

  /** {@return the 5.6 evidence for a container's bind mounts, empty if none is sensitive} */
  static Optional<String> sensitive(ContainerDetails c) {
    List<String> found = new ArrayList<>();
    for (ContainerDetails.Mount m : binds(c)) {
      String source = normalise(m.source());
      boolean hit =
          source.equals("/") || (m.rw() && SENSITIVE.stream().anyMatch(s -> within(source, s)));
      if (hit) {
        found.add(describe(m));
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
  }

  /**
   * {@return the 5.32 evidence: bind mounts whose source is one of the sockets or a directory above
   * one, empty if none}
   */
  static Optional<String> socket(ContainerDetails c, Set<String> sockets) {
    List<String> found = new ArrayList<>();
    for (ContainerDetails.Mount m : binds(c)) {
      String source = normalise(m.source());
      for (String sock : sockets) {
        if (within(sock, source)) {
          String inside =
              source.equals(sock)
                  ? m.destination()
                  : Path.of(m.destination())
                      .resolve(Path.of(source).relativize(Path.of(sock)))
                      .toString();
          found.add(describe(m) + " exposes " + sock + " at " + inside);
          break;
        }
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
  }

  /** {@return the normalised socket paths to look for: the endpoint's and the default} */
  static Set<String> sockets(Optional<Path> endpointSocket) {
    Set<String> out = new LinkedHashSet<>();
    endpointSocket.ifPresent(p -> out.add(normalise(p.toString())));
    DEFAULT_SOCKETS.forEach(s -> out.add(normalise(s)));
    return out;
  }

  private static List<ContainerDetails.Mount> binds(ContainerDetails c) {
    return c.mounts().stream().filter(m -> m.type().equals("bind")).toList();
  }

  static String describe(ContainerDetails.Mount m) {
    return "Mounts: " + m.source() + ":" + m.destination() + (m.rw() ? " (rw)" : " (ro)");
  }
}
