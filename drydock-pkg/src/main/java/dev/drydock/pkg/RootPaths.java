package dev.drydock.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root filesystem the way the system in it would see it: symbolic links
 * are followed with the root as {@code /}, so that an image's {@code etc/os-release -> /usr/lib/..}
 * reads the image's file, never the host's, and {@code ..} never climbs out of the root.
 */
final class RootPaths {
  /** Linux gives up after 40 links (path_resolution(7)). */
  private static final int MAX_LINKS = 40;

  private static final int MAX_COMPONENTS = 4096;

  private RootPaths() {}

  /**
   * Resolves {@code relative} (e.g. {@code var/lib/dpkg/status}) below {@code root}.
   *
   * @return a path below {@code root} with every symbolic link on the way resolved; it may not
   *     exist
   * @throws PackageDatabaseException when links loop or cannot be read
   */
  static Path resolve(Path root, String relative) throws PackageDatabaseException {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, relative);
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      if (!Files.isSymbolicLink(candidate)) {
        done.add(part);
        continue;
      }
      if (++links > MAX_LINKS || todo.size() > MAX_COMPONENTS) {
        throw new PackageDatabaseException(
            root.resolve(relative), "", "has too many levels of symbolic links.");
      }
      String target;
      try {
        target = Files.readSymbolicLink(candidate).toString();
      } catch (IOException e) {
        throw new PackageDatabaseException(
            candidate, "", "is a symbolic link that cannot be read: " + e.getMessage(), e);
      }
      if (target.startsWith("/")) {
        done.clear();
      }
      push(todo, target);
    }
    return join(root, done);
  }

  /** {@return the resolved path of {@code file}, a path found by listing a directory below root} */
  static Path resolveFound(Path root, Path file) throws PackageDatabaseException {
    return resolve(root, root.relativize(file).toString());
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/", -1);
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static Path join(Path root, List<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }
}
