package dev.drydock.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Finds and detaches mounts below a directory, so that it can be deleted after a daemon stops. */
final class Mounts {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private Mounts() {}

  /** {@return mount points at or below {@code dir}, deepest first} */
  static List<Path> under(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ", -1);
      if (fields.length > 4) {
        Path mountPoint = Path.of(unescape(fields[4]));
        if (mountPoint.startsWith(dir)) {
          out.add(mountPoint);
        }
      }
    }
    out.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return out;
  }

  /** Lazily unmounts everything at or below {@code dir}. */
  static void detachAll(Path dir, Commands commands) throws IOException, CommandFailedException {
    for (Path mountPoint : under(dir)) {
      commands.tryRun(
          List.of("umount", "-l", mountPoint.toString()), Map.of(), Duration.ofSeconds(30));
    }
  }

  // mountinfo escapes space, tab, newline and backslash as \ooo (proc(5)).
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\'
          && i + 3 < field.length()
          && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
