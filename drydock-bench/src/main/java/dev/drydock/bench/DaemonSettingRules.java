package dev.drydock.bench;

import dev.drydock.engine.EngineInfo;
import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluations behind the section 2 checks: flags of the serving daemon where only they tell,
 * the Engine API where it states the effective value.
 */
final class DaemonSettingRules {
  private DaemonSettingRules() {}

  /** Registries dockerd trusts without TLS by default; not a misconfiguration. */
  static final Set<String> DEFAULT_INSECURE = Set.of("127.0.0.0/8", "::1/128");

  /** {@return the ERROR a flag check gives when the daemon's flags cannot be read} */
  static Finding unknown(CheckInfo info, DaemonConfig d, String subject) {
    return info.finding(
            Status.ERROR,
            subject,
            "cannot tell: " + d.unknownReason().orElse("the daemon's flags are unknown"))
        .build();
  }

  /**
   * Checks a boolean flag against its wanted value.
   *
   * @param wanted the compliant value
   * @param dflt dockerd's default when the flag is not set
   */
  static List<Finding> boolSetting(
      CheckInfo info,
      BenchContext ctx,
      String flag,
      String key,
      boolean wanted,
      boolean dflt,
      String what)
      throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    if (!d.local()) {
      return List.of(unknown(info, d, flag));
    }
    Optional<DaemonConfig.Setting> s = d.setting(flag, key);
    boolean value = d.bool(flag, key).orElse(dflt);
    String evidence =
        s.map(DaemonConfig.Setting::origin)
            .map(o -> what + " is " + value + " (" + o + ")")
            .orElse(
                what
                    + " is "
                    + value
                    + " (dockerd's default: neither --"
                    + flag
                    + " nor \""
                    + key
                    + "\" in "
                    + d.configFile()
                    + " is set)");
    return List.of(
        info.finding(
                value == wanted ? Status.PASS : Status.FAIL, flag, evidence + "; " + d.describe())
            .build());
  }

  static List<Finding> logLevel(CheckInfo info, BenchContext ctx) throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    if (!d.local()) {
      return List.of(unknown(info, d, "log-level"));
    }
    Optional<DaemonConfig.Setting> level = d.setting("log-level", "log-level");
    if (d.bool("debug", "debug").orElse(false)) {
      return List.of(
          info.finding(
                  Status.FAIL,
                  "debug",
                  "debug logging is on ("
                      + d.setting("debug", "debug").orElseThrow().origin()
                      + ")")
              .build());
    }
    if (level.isEmpty()) {
      return List.of(
          info.finding(Status.PASS, "log-level", "log level is info (dockerd's default; not set)")
              .build());
    }
    String v = level.get().values().get(level.get().values().size() - 1).toLowerCase(Locale.ROOT);
    return List.of(
        info.finding(
                v.equals("info") ? Status.PASS : Status.FAIL,
                "log-level",
                "log level is '" + v + "' (" + level.get().origin() + ")")
            .build());
  }

  static List<Finding> insecureRegistries(CheckInfo info, BenchContext ctx) throws BenchException {
    List<Finding> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String cidr : ctx.engine().info().insecureRegistryCidrs()) {
      if (!DEFAULT_INSECURE.contains(cidr)) {
        seen.add(cidr);
        out.add(
            info.finding(Status.FAIL, cidr, "docker info lists insecure registry network " + cidr)
                .build());
      }
    }
    DaemonConfig d = ctx.host().daemon();
    Optional<DaemonConfig.Setting> s = d.setting("insecure-registry", "insecure-registries");
    if (s.isPresent()) {
      for (String r : s.get().values()) {
        if (!seen.contains(r) && !DEFAULT_INSECURE.contains(r)) {
          seen.add(r);
          out.add(
              info.finding(Status.FAIL, r, "insecure registry " + r + " (" + s.get().origin() + ")")
                  .build());
        }
      }
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.PASS,
                  "insecure-registries",
                  "no insecure registry besides the loopback default (docker info"
                      + (d.local() ? " and " + d.describe() : "")
                      + ")")
              .build());
    }
    return out;
  }

  static List<Finding> userns(CheckInfo info, BenchContext ctx) throws BenchException {
    EngineInfo i = ctx.engine().info();
    if (i.usernsRemap() || i.rootless()) {
      return List.of(
          info.finding(
                  Status.PASS,
                  "userns-remap",
                  "docker info security options "
                      + i.securityOptions()
                      + (i.rootless() ? " (rootless)" : ""))
              .build());
    }
    return List.of(
        info.finding(
                Status.FAIL,
                "userns-remap",
                "docker info security options "
                    + i.securityOptions()
                    + " include neither userns nor"
                    + " rootless")
            .build());
  }

  static List<Finding> cgroupParent(CheckInfo info, BenchContext ctx) throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    if (!d.local()) {
      return List.of(unknown(info, d, "cgroup-parent"));
    }
    Optional<DaemonConfig.Setting> s = d.setting("cgroup-parent", "cgroup-parent");
    return List.of(
        s.isEmpty()
            ? info.finding(Status.PASS, "cgroup-parent", "default cgroup parent (not set)").build()
            : info.finding(
                    Status.FAIL,
                    "cgroup-parent",
                    "custom cgroup parent '"
                        + s.get().first()
                        + "' ("
                        + s.get().origin()
                        + "); confirm it is intended")
                .build());
  }

  static List<Finding> baseSize(CheckInfo info, BenchContext ctx) throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    if (!d.local()) {
      return List.of(unknown(info, d, "dm.basesize"));
    }
    Optional<DaemonConfig.Setting> s = d.setting("storage-opt", "storage-opts");
    if (s.isPresent()) {
      for (String opt : s.get().values()) {
        if (opt.strip().toLowerCase(Locale.ROOT).startsWith("dm.basesize")) {
          return List.of(
              info.finding(
                      Status.FAIL,
                      "dm.basesize",
                      "storage option " + opt + " (" + s.get().origin() + ")")
                  .build());
        }
      }
    }
    return List.of(info.finding(Status.PASS, "dm.basesize", "dm.basesize is not set").build());
  }

  static List<Finding> authz(CheckInfo info, BenchContext ctx) throws BenchException {
    List<String> plugins = ctx.engine().info().authorizationPlugins();
    return List.of(
        plugins.isEmpty()
            ? info.finding(
                    Status.FAIL,
                    "authorization-plugin",
                    "docker info lists no authorization plugin")
                .build()
            : info.finding(
                    Status.PASS,
                    "authorization-plugin",
                    "docker info lists authorization plugins " + plugins)
                .build());
  }

  static List<Finding> rootless(CheckInfo info, BenchContext ctx) throws BenchException {
    EngineInfo i = ctx.engine().info();
    DaemonConfig d = ctx.host().daemon();
    String evidence;
    if (i.rootless()) {
      evidence = "the daemon runs rootless (docker info security options)";
    } else if (d.local()) {
      int uid = ctx.host().daemonUid();
      evidence =
          "dockerd pid "
              + d.process().orElseThrow().pid()
              + " runs as uid "
              + uid
              + (uid == 0 ? " (root); consider rootless mode" : "");
    } else {
      evidence = "docker info does not list rootless; the daemon most likely runs as root";
    }
    return List.of(info.finding(Status.MANUAL, "dockerd", evidence).build());
  }

  static List<Finding> manualSetting(CheckInfo info, BenchContext ctx, String flag, String key)
      throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    if (!d.local()) {
      return List.of(
          info.finding(
                  Status.MANUAL,
                  flag,
                  "review the daemon's " + flag + "; " + d.unknownReason().orElse(""))
              .build());
    }
    Optional<DaemonConfig.Setting> s = d.setting(flag, key);
    return List.of(
        info.finding(
                Status.MANUAL,
                flag,
                s.map(
                        v ->
                            flag
                                + " "
                                + v.values()
                                + " ("
                                + v.origin()
                                + "); confirm the limits suit the workloads")
                    .orElse(
                        "no "
                            + flag
                            + " set: containers inherit the daemon's limits; decide whether"
                            + " defaults are needed"))
            .build());
  }

  static List<Finding> seccomp(CheckInfo info, BenchContext ctx) throws BenchException {
    List<String> opts =
        ctx.engine().info().securityOptions().stream().filter(o -> o.contains("seccomp")).toList();
    DaemonConfig d = ctx.host().daemon();
    String custom =
        d.setting("seccomp-profile", "seccomp-profile")
            .map(s -> "; custom profile " + s.first() + " (" + s.origin() + ")")
            .orElse("");
    return List.of(
        info.finding(
                Status.MANUAL,
                "seccomp-profile",
                (opts.isEmpty() ? "docker info lists no seccomp support" : "docker info: " + opts)
                    + custom
                    + "; decide whether a narrower daemon-wide profile is appropriate")
            .build());
  }
}
