package dev.drydock.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds programs on {@code PATH} from the given environment, plus the sbin directories. */
final class Executables {
  // Root tools (dockerd, debootstrap) live in sbin, which a non-login PATH often lacks.
  private static final List<String> SYSTEM_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Executables() {}

  static Optional<Path> find(Map<String, String> env, String name) {
    List<String> dirs = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      if (!dir.isBlank()) {
        dirs.add(dir);
      }
    }
    dirs.addAll(SYSTEM_DIRS);
    return dirs.stream()
        .map(dir -> Path.of(dir, name))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  static Path require(Map<String, String> env, String name, String installHint)
      throws CommandFailedException {
    return find(env, name)
        .orElseThrow(
            () ->
                new CommandFailedException(
                    List.of(name), -1, "", name + " is not installed. " + installHint));
  }

  /** {@return whether this JVM runs as root (uid 0)} */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
