package dev.drydock.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * File watches from Linux audit rules, in the syntax of {@code auditctl -l} and of {@code
 * audit.rules} files: {@code -w /path -p wa -k key}, or a syscall rule with {@code -F path=/path}
 * or {@code -F dir=/dir}. Paths are compared whole, never as substrings, so a rule on {@code
 * /usr/bin/containerd-shim} does not cover {@code /usr/bin/containerd}.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/auditctl.8.html">auditctl(8)</a>
 */
final class AuditRules {
  /** Caps the work on hostile rule files. */
  static final int MAX_RULES = 50_000;

  /**
   * One watch.
   *
   * @param path the watched path, without a trailing slash
   * @param directory true for {@code -F dir=}, which covers the whole tree below
   * @param permissions the audited accesses, a subset of {@code rwxa}; all four when not given
   * @param source where the rule came from, e.g. {@code auditctl -l} or a rules file
   * @param rule the rule's text
   */
  record Watch(String path, boolean directory, String permissions, String source, String rule) {
    /** {@return whether changes (writes and attribute changes) are audited} */
    boolean auditsChanges() {
      return permissions.contains("w") && permissions.contains("a");
    }
  }

  private final List<Watch> watches;

  private AuditRules(List<Watch> watches) {
    this.watches = List.copyOf(watches);
  }

  static AuditRules of(List<Watch> watches) {
    return new AuditRules(watches);
  }

  List<Watch> watches() {
    return watches;
  }

  /** Parses rule lines; lines that are not file watches are ignored. */
  static List<Watch> parse(String text, String source) {
    List<Watch> out = new ArrayList<>();
    String[] lines = text.split("\n", MAX_RULES + 1);
    for (int i = 0; i < Math.min(lines.length, MAX_RULES); i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      parseLine(line, source).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Watch> parseLine(String line, String source) {
    String[] words = line.split("\\s+", -1);
    String path = null;
    boolean directory = false;
    boolean delete = false;
    boolean never = false;
    boolean syscalls = false;
    String perms = "rwxa";
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      String next = i + 1 < words.length ? words[i + 1] : "";
      switch (w) {
        case "-w" -> {
          path = next;
          i++;
        }
        case "-W", "-d" -> delete = true;
        case "-a", "-A" -> {
          // "-a never,exit" suppresses auditing of what it matches: it watches nothing.
          never = List.of(next.split(",")).contains("never");
          i++;
        }
        case "-S" -> {
          syscalls = true;
          i++;
        }
        case "-p" -> {
          perms = next;
          i++;
        }
        case "-F" -> {
          int eq = next.indexOf('=');
          if (eq > 0) {
            String key = next.substring(0, eq);
            String value = next.substring(eq + 1);
            switch (key) {
              case "path" -> path = value;
              case "dir" -> {
                path = value;
                directory = true;
              }
              case "perm" -> perms = value;
              default -> {}
            }
          }
          i++;
        }
        default -> {}
      }
    }
    if (delete || never || path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    if (syscalls && !line.contains("perm=") && !List.of(words).contains("-p")) {
      // A syscall rule without a permission filter records only the syscalls it names (e.g.
      // chmod), not every write: it does not count as a watch for writes and attribute changes.
      perms = "";
    }
    return Optional.of(new Watch(trim(path), directory, perms, source, line));
  }

  /**
   * {@return the watch that covers the host path: one on the path itself, else a {@code dir=} or
   * {@code -w} watch on a directory above it (auditd watches a directory's whole tree)}
   *
   * @param isDirectory tells whether a watched path is a directory on the host
   */
  Optional<Watch> covering(String hostPath, java.util.function.Predicate<String> isDirectory) {
    String wanted = trim(hostPath);
    Optional<Watch> exact = watches.stream().filter(w -> w.path().equals(wanted)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return watches.stream()
        .filter(w -> wanted.startsWith(w.path() + "/"))
        .filter(w -> w.directory() || isDirectory.test(w.path()))
        .findFirst();
  }

  private static String trim(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
