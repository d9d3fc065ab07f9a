package dev.drydock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code stat} says about one host file: its permission bits, numeric owner and type.
 *
 * @param hostPath the path as the host names it, e.g. {@code /etc/docker/daemon.json}
 * @param mode the permission bits (setuid, setgid, sticky and rwx for user, group, other)
 * @param uid the owner's numeric user ID
 * @param gid the owner's numeric group ID
 * @param type {@code file}, {@code directory}, {@code socket} or {@code other}
 */
record HostFile(String hostPath, int mode, int uid, int gid, String type) {

  HostFile {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(type, "type");
    if ((mode & ~07777) != 0) {
      throw new IllegalArgumentException("not permission bits: " + Integer.toOctalString(mode));
    }
  }

  /**
   * Stats a host file below the root prefix, following links inside the prefix.
   *
   * @return empty when the file does not exist
   * @throws BenchException when it exists but cannot be read
   */
  static Optional<HostFile> stat(Path root, String hostPath) throws BenchException {
    Path p = HostPaths.under(root, hostPath);
    if (!HostPaths.exists(p)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> a =
          Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
      int raw = (Integer) Objects.requireNonNull(a.get("mode"));
      return Optional.of(
          new HostFile(
              hostPath,
              raw & 07777,
              (Integer) Objects.requireNonNull(a.get("uid")),
              (Integer) Objects.requireNonNull(a.get("gid")),
              typeOf(raw)));
    } catch (IOException | UnsupportedOperationException e) {
      throw new BenchException(
          "Could not stat host file " + hostPath + " (at " + p + "): " + e.getMessage(), e);
    }
  }

  /**
   * {@return whether no permission bit outside {@code allowed} is set} This is a bit test: 0606 is
   * not "0660 or more restrictive", although 606 is less than 660 as a number.
   */
  boolean atMost(int allowed) {
    return (mode & ~allowed) == 0;
  }

  /** {@return the bits set beyond {@code allowed}, e.g. 0006} */
  int excess(int allowed) {
    return mode & ~allowed;
  }

  /** {@return the mode as four octal digits, e.g. {@code 0644}} */
  String octal() {
    return octal(mode);
  }

  static String octal(int bits) {
    return String.format(Locale.ROOT, "%04o", bits);
  }

  private static String typeOf(int raw) {
    return switch (raw & 0170000) {
      case 0100000 -> "file";
      case 0040000 -> "directory";
      case 0140000 -> "socket";
      default -> "other";
    };
  }
}
