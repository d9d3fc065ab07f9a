package dev.drydock.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capability names as Docker accepts them ({@code SYS_ADMIN}, {@code CAP_SYS_ADMIN}, {@code
 * sys_admin}, {@code ALL}) and the set a container gets by default.
 */
final class Capabilities {
  private Capabilities() {}

  /**
   * The 14 capabilities Docker grants a container unless told otherwise (moby {@code
   * oci/caps/defaults.go}, Engine 20.10 and later).
   */
  static final Set<String> DOCKER_DEFAULTS =
      Set.of(
          "CHOWN",
          "DAC_OVERRIDE",
          "FSETID",
          "FOWNER",
          "MKNOD",
          "NET_RAW",
          "SETGID",
          "SETUID",
          "SETFCAP",
          "SETPCAP",
          "NET_BIND_SERVICE",
          "SYS_CHROOT",
          "KILL",
          "AUDIT_WRITE");

  /**
   * {@return the name without {@code CAP_}, upper case, trimmed: {@code cap_sys_admin} → SYS_ADMIN}
   */
  static String normalise(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper.substring(4) : upper;
  }

  /**
   * {@return the added capabilities that go beyond Docker's defaults, normalised; {@code ALL} if
   * everything was added}
   */
  static List<String> beyondDefaults(List<String> capAdd) {
    List<String> out = new ArrayList<>();
    for (String raw : capAdd) {
      String cap = normalise(raw);
      if (!cap.isEmpty() && !DOCKER_DEFAULTS.contains(cap) && !out.contains(cap)) {
        out.add(cap);
      }
    }
    return out.contains("ALL") ? List.of("ALL") : out;
  }
}
