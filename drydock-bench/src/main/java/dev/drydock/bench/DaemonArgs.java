package dev.drydock.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A dockerd command line, parsed the way dockerd's flag library (spf13/pflag) reads it: {@code
 * --flag=value}, {@code --flag value}, {@code -H value}, {@code -Hvalue}, repeated flags, and
 * boolean flags that take a value only after {@code =} ({@code --icc=false}, {@code --tlsverify}).
 * Short flags are stored under their long names.
 */
final class DaemonArgs {
  /** Caps the work on a hostile command line; real ones have tens of arguments. */
  static final int MAX_ARGS = 4096;

  /** dockerd's boolean flags: a following word is not their value. */
  private static final Set<String> BOOLEAN_FLAGS =
      Set.of(
          "debug",
          "tls",
          "tlsverify",
          "icc",
          "iptables",
          "ip6tables",
          "ip-forward",
          "ip-masq",
          "ipv6",
          "live-restore",
          "no-new-privileges",
          "userland-proxy",
          "experimental",
          "selinux-enabled",
          "raw-logs",
          "init",
          "rootless",
          "validate",
          "version",
          "help",
          "disable-legacy-registry",
          "host-gateway-ip-forward",
          "cri-containerd");

  private static final Map<Character, String> SHORT =
      Map.of(
          'H', "host",
          'D', "debug",
          'l', "log-level",
          'G', "group",
          'g', "data-root",
          'p', "pidfile",
          'b', "bridge",
          's', "storage-driver",
          'v', "version",
          'h', "help");

  private final List<String> argv;
  private final Map<String, List<String>> values;

  private DaemonArgs(List<String> argv, Map<String, List<String>> values) {
    this.argv = argv;
    this.values = values;
  }

  /**
   * Parses a command line whose first element is the program.
   *
   * @throws IllegalArgumentException when it has more than {@link #MAX_ARGS} arguments
   */
  static DaemonArgs parse(List<String> argv) {
    if (argv.size() > MAX_ARGS) {
      throw new IllegalArgumentException(
          "dockerd command line has " + argv.size() + " arguments, more than " + MAX_ARGS);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--")) {
        break;
      }
      String name;
      String value = null;
      if (arg.startsWith("--") && arg.length() > 2) {
        String body = arg.substring(2);
        int eq = body.indexOf('=');
        name = eq < 0 ? body : body.substring(0, eq);
        value = eq < 0 ? null : body.substring(eq + 1);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        String longName = SHORT.get(arg.charAt(1));
        if (longName == null) {
          name = arg.substring(1, 2);
        } else {
          name = longName;
        }
        String rest = arg.substring(2);
        if (rest.startsWith("=")) {
          value = rest.substring(1);
        } else if (!rest.isEmpty()) {
          value = rest;
        }
      } else {
        continue; // dockerd takes no positional arguments; ignore stray words
      }
      name = name.toLowerCase(Locale.ROOT);
      if (value == null) {
        if (BOOLEAN_FLAGS.contains(name)) {
          value = "true";
        } else if (i + 1 < argv.size()) {
          value = argv.get(++i);
        } else {
          value = "";
        }
      }
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    values.replaceAll((k, v) -> List.copyOf(v));
    return new DaemonArgs(List.copyOf(argv), Map.copyOf(values));
  }

  /** {@return the command line as read} */
  List<String> argv() {
    return argv;
  }

  /** {@return every value given for a long flag name (without dashes), in order} */
  List<String> all(String flag) {
    return values.getOrDefault(flag, List.of());
  }

  /** {@return the last value given for a flag; pflag keeps the last one of a scalar flag} */
  Optional<String> last(String flag) {
    List<String> all = all(flag);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** {@return whether the flag was given at all} */
  boolean has(String flag) {
    return values.containsKey(flag);
  }

  /** {@return the names of the flags given} */
  Set<String> names() {
    return values.keySet();
  }
}
