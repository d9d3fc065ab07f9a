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
 * {@code /var/run} → {@code /run} symlink that every current distribution has. Docker records a
 * bind source as given, but the kernel follows symbolic links when it mounts, so the checks also
 * resolve sources on the host (see {@link MountSources}).
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

  /**
   * Which host paths a mount exposes: for a bind mount its source as recorded and, when the host's
   * files are readable, the source with symbolic links resolved (the kernel follows them when it
   * mounts); for a local volume created with {@code o=bind}, its device. All normalised.
   */
  @FunctionalInterface
  interface Sources {
    List<String> of(ContainerDetails.Mount mount);
  }

  /** Only what Docker recorded: bind sources, lexically normalised. */
  static final Sources RECORDED =
      m -> m.type().equals("bind") ? List.of(normalise(m.source())) : List.of();

  /** {@return the 5.6 evidence for a container's mounts, empty if none is sensitive} */
  static Optional<String> sensitive(ContainerDetails c) {
    return sensitive(c, RECORDED);
  }

  /** {@return the 5.6 evidence for a container's mounts, empty if none is sensitive} */
  static Optional<String> sensitive(ContainerDetails c, Sources sources) {
    List<String> found = new ArrayList<>();
    for (ContainerDetails.Mount m : c.mounts()) {
      for (String source : sources.of(m)) {
        boolean hit =
            source.equals("/") || (m.rw() && SENSITIVE.stream().anyMatch(s -> within(source, s)));
        if (hit) {
          found.add(describe(m) + via(m, source));
          break;
        }
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
  }

  /**
   * {@return the 5.32 evidence: mounts whose host path is one of the sockets or a directory above
   * one, empty if none}
   */
  static Optional<String> socket(ContainerDetails c, Set<String> sockets) {
    return socket(c, sockets, RECORDED);
  }

  /**
   * {@return the 5.32 evidence: mounts whose host path is one of the sockets or a directory above
   * one, empty if none}
   */
  static Optional<String> socket(ContainerDetails c, Set<String> sockets, Sources sources) {
    List<String> found = new ArrayList<>();
    for (ContainerDetails.Mount m : c.mounts()) {
      String hit = null;
      for (String source : sources.of(m)) {
        for (String sock : sockets) {
          if (within(sock, source)) {
            String inside =
                source.equals(sock)
                    ? m.destination()
                    : Path.of(m.destination())
                        .resolve(Path.of(source).relativize(Path.of(sock)))
                        .toString();
            hit = describe(m) + via(m, source) + " exposes " + sock + " at " + inside;
            break;
          }
        }
        if (hit != null) {
          break;
        }
      }
      if (hit != null) {
        found.add(hit);
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
  }

  private static String via(ContainerDetails.Mount m, String hostPath) {
    return hostPath.equals(normalise(m.source())) ? "" : " (host path " + hostPath + ")";
  }

  /** {@return the normalised socket paths to look for: the endpoint's and the default} */
  static Set<String> sockets(Optional<Path> endpointSocket) {
    Set<String> out = new LinkedHashSet<>();
    endpointSocket.ifPresent(p -> out.add(normalise(p.toString())));
    DEFAULT_SOCKETS.forEach(s -> out.add(normalise(s)));
    return out;
  }

  static String describe(ContainerDetails.Mount m) {
    return "Mounts: " + m.source() + ":" + m.destination() + (m.rw() ? " (rw)" : " (ro)");
  }
}
