package dev.drydock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Resolves a host path below the root prefix. Symbolic links are followed inside the prefix: an
 * absolute link target such as {@code /var/run -> /run} starts again at the prefix, never at this
 * machine's {@code /}, and {@code ..} never climbs above it.
 */
final class HostPaths {
  /** The kernel's own limit on links followed in one lookup. */
  static final int MAX_LINKS = 40;

  private HostPaths() {}

  /**
   * {@return where the host's absolute path {@code hostPath} is below {@code root}, with links
   * resolved; empty when a link loop or too long a chain stops the lookup} A missing file resolves
   * to where it would be.
   */
  static Optional<Path> resolve(Path root, String hostPath) {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, hostPath);
    Path current = root;
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals(root) ? root : parentWithin(root, current);
        continue;
      }
      Path next = current.resolve(part);
      if (Files.isSymbolicLink(next)) {
        if (++links > MAX_LINKS) {
          return Optional.empty();
        }
        String target;
        try {
          target = Files.readSymbolicLink(next).toString();
        } catch (IOException e) {
          return Optional.of(next);
        }
        push(todo, target);
        if (target.startsWith("/")) {
          current = root;
        }
        continue;
      }
      current = next;
    }
    return Optional.of(current);
  }

  /** {@return the host path resolved below the root, or where it would be if a link loops} */
  static Path under(Path root, String hostPath) {
    return resolve(root, hostPath).orElseGet(() -> root.resolve(hostPath.replaceFirst("^/+", "")));
  }

  /** {@return whether the resolved path exists, without following a final link out of the root} */
  static boolean exists(Path resolved) {
    return Files.exists(resolved, LinkOption.NOFOLLOW_LINKS);
  }

  private static Path parentWithin(Path root, Path current) {
    Path parent = current.getParent();
    return parent == null || !parent.startsWith(root) ? root : parent;
  }

  /** Pushes the components of {@code path} so that the first is popped first. */
  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/", -1);
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }
}
