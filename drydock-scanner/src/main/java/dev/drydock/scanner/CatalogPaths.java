package dev.drydock.scanner;

import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import dev.drydock.oci.ImageFilesystem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves paths inside an image the way a process in the container would: symbolic links on every
 * component are followed with the image root as {@code /} ({@code /etc/os-release ->
 * ../usr/lib/os-release}, usrmerge's {@code /lib -> usr/lib}), and {@code ..} stops at the root.
 */
final class CatalogPaths {
  /** Linux gives up after 40 links (path_resolution(7)). */
  private static final int MAX_LINKS = 40;

  private static final int MAX_COMPONENTS = 4096;

  private CatalogPaths() {}

  /** {@return the absolute path {@code path} names once links are followed; it may not exist} */
  static String resolve(ImageFilesystem fs, String path) {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.removeLast();
        }
        continue;
      }
      String candidate = join(done) + "/" + part;
      Optional<FileEntry> e = fs.find(candidate);
      String target = e.map(FileEntry::linkTarget).orElse(null);
      if (e.isEmpty()
          || e.get().type() != FileType.SYMLINK
          || target == null
          || ++links > MAX_LINKS
          || todo.size() > MAX_COMPONENTS) {
        done.add(part);
        continue;
      }
      if (target.startsWith("/")) {
        done.clear();
      }
      push(todo, target);
    }
    return done.isEmpty() ? "/" : join(done);
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/", -1);
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static String join(List<String> parts) {
    return parts.isEmpty() ? "" : "/" + String.join("/", parts);
  }
}
