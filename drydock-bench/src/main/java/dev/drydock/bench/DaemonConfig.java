package dev.drydock.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of the daemon that serves the audited endpoint: its command line and its {@code
 * daemon.json}, merged. When no local process serves the endpoint (a remote daemon) nothing is
 * known here, {@link #local()} is false and checks fall back to what the Engine API says.
 *
 * <p>dockerd refuses to start when a directive is given both as a flag and in daemon.json; if both
 * are found anyway (the file was edited after the start), the flag is reported, since it is what
 * the running process was given, and the conflict is noted.
 */
final class DaemonConfig {
  /** dockerd's default configuration file. */
  static final String DEFAULT_CONFIG_FILE = "/etc/docker/daemon.json";

  /**
   * One setting and where it came from.
   *
   * @param values the values given (several for a repeated flag or a JSON array)
   * @param origin where, for evidence, e.g. {@code dockerd argv: --icc=false}
   */
  record Setting(List<String> values, String origin) {
    Setting {
      values = List.copyOf(values);
    }

    String first() {
      return values.isEmpty() ? "" : values.get(0);
    }
  }

  private final ServingDaemon.@Nullable Dockerd process;
  private final String reason;
  private final DaemonArgs args;
  private final String configFile;
  private final @Nullable ObjectNode json;

  private DaemonConfig(
      ServingDaemon.@Nullable Dockerd process,
      String reason,
      DaemonArgs args,
      String configFile,
      @Nullable ObjectNode json) {
    this.process = process;
    this.reason = reason;
    this.args = args;
    this.configFile = configFile;
    this.json = json;
  }

  /** {@return the configuration of a daemon that is not a local process} */
  static DaemonConfig remote(String reason) {
    return new DaemonConfig(null, reason, DaemonArgs.parse(List.of()), DEFAULT_CONFIG_FILE, null);
  }

  /**
   * {@return the configuration of a local process}
   *
   * @param json the parsed daemon.json; null when the file does not exist
   */
  static DaemonConfig local(
      ServingDaemon.Dockerd process,
      DaemonArgs args,
      String configFile,
      @Nullable ObjectNode json) {
    return new DaemonConfig(process, "", args, configFile, json);
  }

  /** {@return the config file path the daemon uses: {@code --config-file}, else the default} */
  static String configFileOf(DaemonArgs args) {
    return args.last("config-file").orElse(DEFAULT_CONFIG_FILE);
  }

  /** {@return whether the daemon is a local process whose flags were read} */
  boolean local() {
    return process != null;
  }

  /** {@return the serving process, if local} */
  Optional<ServingDaemon.Dockerd> process() {
    return Optional.ofNullable(process);
  }

  /** {@return why the flags are not known, for evidence; empty when they are} */
  Optional<String> unknownReason() {
    return local() ? Optional.empty() : Optional.of(reason);
  }

  /** {@return the daemon's command line, empty when not local} */
  List<String> argv() {
    return args.argv();
  }

  DaemonArgs args() {
    return args;
  }

  /** {@return the daemon.json path (as the host names it) the daemon reads} */
  String configFile() {
    return configFile;
  }

  /** {@return whether that daemon.json exists} */
  boolean hasConfigFile() {
    return json != null;
  }

  /** {@return who serves the endpoint, for evidence} */
  String describe() {
    ServingDaemon.Dockerd p = process;
    if (p == null) {
      return reason;
    }
    return "dockerd pid "
        + p.pid()
        + (p.exe().isEmpty() ? "" : " (" + p.exe() + ")")
        + ", config file "
        + configFile
        + (json == null ? " (absent)" : "");
  }

  /**
   * {@return a setting from the command line ({@code --flag}) or daemon.json ({@code key})}
   *
   * @param flag the long flag name without dashes, e.g. {@code icc}
   * @param key the daemon.json key, e.g. {@code icc}
   */
  Optional<Setting> setting(String flag, String key) {
    List<String> fromArgs = args.all(flag);
    List<String> fromJson = jsonValues(key);
    if (fromArgs.isEmpty() && fromJson.isEmpty()) {
      return Optional.empty();
    }
    String argOrigin =
        "dockerd argv: "
            + String.join(" ", fromArgs.stream().map(v -> "--" + flag + "=" + v).toList());
    if (fromJson.isEmpty()) {
      return Optional.of(new Setting(fromArgs, argOrigin));
    }
    // values came from the file, so it was read
    String jsonOrigin = configFile + ": \"" + key + "\": " + Objects.requireNonNull(json).get(key);
    if (fromArgs.isEmpty()) {
      return Optional.of(new Setting(fromJson, jsonOrigin));
    }
    return Optional.of(
        new Setting(
            fromArgs,
            argOrigin
                + " (conflicts with "
                + jsonOrigin
                + "; dockerd refuses to start with both, so one was changed after the start)"));
  }

  /** {@return a boolean setting's value, if set} */
  Optional<Boolean> bool(String flag, String key) {
    return setting(flag, key)
        .map(s -> s.values().get(s.values().size() - 1))
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .map(v -> v.equals("true") || v.equals("1") || v.equals("t"));
  }

  /**
   * {@return whether the daemon starts containers with no-new-privileges ({@code
   * --no-new-privileges} or {@code "no-new-privileges": true}); false when not known}
   */
  boolean noNewPrivileges() {
    return bool("no-new-privileges", "no-new-privileges").orElse(false);
  }

  /** {@return the addresses the daemon listens on ({@code -H}, {@code hosts}), with origins} */
  List<Setting> hosts() {
    List<Setting> out = new ArrayList<>();
    for (String h : args.all("host")) {
      out.add(new Setting(List.of(h), "dockerd argv: -H " + h));
    }
    for (String h : jsonValues("hosts")) {
      out.add(new Setting(List.of(h), configFile + ": \"hosts\" entry " + h));
    }
    return out;
  }

  /** {@return whether TLS with client verification is on ({@code --tlsverify})} */
  boolean tlsVerify() {
    return bool("tlsverify", "tlsverify").orElse(false);
  }

  /** {@return whether TLS is on at all ({@code --tls} or {@code --tlsverify})} */
  boolean tls() {
    return tlsVerify() || bool("tls", "tls").orElse(false);
  }

  /** {@return the daemon's exec root, where it puts its own containerd's socket} */
  String execRoot() {
    return setting("exec-root", "exec-root").map(Setting::first).orElse("/var/run/docker");
  }

  private List<String> jsonValues(String key) {
    ObjectNode j = json;
    if (j == null) {
      return List.of();
    }
    JsonNode v = j.get(key);
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(e -> out.add(text(e)));
    } else {
      out.add(text(v));
    }
    return out;
  }

  private static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
