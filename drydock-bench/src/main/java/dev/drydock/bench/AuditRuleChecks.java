package dev.drydock.bench;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CIS Docker Benchmark 1.1.3 to 1.1.18: audit watches on Docker's programs, files and directories.
 * Each path is looked up where it really is on the host (Debian's dockerd is {@code
 * /usr/sbin/dockerd}); a path the host does not have is not applicable. A watch must name the path
 * itself, or a directory above it, and audit writes and attribute changes.
 */
final class AuditRuleChecks {
  private AuditRuleChecks() {}

  /** Finds the host paths a check is about. */
  @FunctionalInterface
  interface Targets {
    List<String> paths(BenchContext ctx) throws BenchException;
  }

  private static final String REMEDIATION =
      "Add a watch for the path to a file in /etc/audit/rules.d/, e.g. `-w <path> -p wa -k docker`,"
          + " and load it with `augenrules --load` (or restart auditd), so that every change to it"
          + " is recorded.";

  static List<Check> checks() {
    return List.of(
        watch("1.1.3", "Ensure auditing is configured for the Docker daemon", 1, bin("dockerd")),
        watch(
            "1.1.4",
            "Ensure auditing is configured for Docker files and directories - /run/containerd",
            1,
            fixed("/run/containerd")),
        watch(
            "1.1.5",
            "Ensure auditing is configured for Docker files and directories - /var/lib/docker",
            1,
            AuditRuleChecks::dataRoot),
        watch(
            "1.1.6",
            "Ensure auditing is configured for Docker files and directories - /etc/docker",
            1,
            fixed("/etc/docker")),
        watch(
            "1.1.7",
            "Ensure auditing is configured for Docker files and directories - docker.service",
            2,
            ctx -> ctx.host().units("docker.service")),
        watch(
            "1.1.8",
            "Ensure auditing is configured for Docker files and directories - containerd.sock",
            2,
            ctx -> List.of(ctx.host().containerdSocket())),
        watch(
            "1.1.9",
            "Ensure auditing is configured for Docker files and directories - docker.sock",
            2,
            AuditRuleChecks::dockerSocket),
        watch(
            "1.1.10",
            "Ensure auditing is configured for Docker files and directories - /etc/default/docker",
            2,
            fixed("/etc/default/docker")),
        watch(
            "1.1.11",
            "Ensure auditing is configured for Docker files and directories -"
                + " /etc/docker/daemon.json",
            2,
            ctx -> List.of(ctx.host().daemonConfigFile())),
        watch(
            "1.1.12",
            "Ensure auditing is configured for Docker files and directories -"
                + " /etc/containerd/config.toml",
            2,
            fixed("/etc/containerd/config.toml")),
        watch(
            "1.1.13",
            "Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker",
            2,
            fixed("/etc/sysconfig/docker")),
        watch(
            "1.1.14",
            "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd",
            2,
            bin("containerd")),
        watch(
            "1.1.15",
            "Ensure auditing is configured for Docker files and directories -"
                + " /usr/bin/containerd-shim",
            2,
            bin("containerd-shim")),
        watch(
            "1.1.16",
            "Ensure auditing is configured for Docker files and directories -"
                + " /usr/bin/containerd-shim-runc-v1",
            2,
            bin("containerd-shim-runc-v1")),
        watch(
            "1.1.17",
            "Ensure auditing is configured for Docker files and directories -"
                + " /usr/bin/containerd-shim-runc-v2",
            2,
            bin("containerd-shim-runc-v2")),
        watch(
            "1.1.18",
            "Ensure auditing is configured for Docker files and directories - /usr/bin/runc",
            2,
            bin("runc")));
  }

  private static Targets fixed(String path) {
    return ctx -> List.of(path);
  }

  private static Targets bin(String name) {
    return ctx -> {
      List<String> found = ctx.host().binaries(name);
      return found.isEmpty() ? List.of("/usr/bin/" + name) : found;
    };
  }

  /**
   * v1.7.0 moved 1.1.9 from the docker.socket unit to the socket itself: the audited Unix socket
   * (what the unit's ListenStream names on a systemd host).
   */
  private static List<String> dockerSocket(BenchContext ctx) {
    if (ctx.host().endpoint() instanceof EngineEndpoint.Unix unix) {
      return List.of(unix.socket().toString());
    }
    return List.of("/run/docker.sock");
  }

  private static List<String> dataRoot(BenchContext ctx) throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    List<String> out = new ArrayList<>(List.of("/var/lib/docker"));
    d.setting("data-root", "data-root")
        .map(DaemonConfig.Setting::first)
        .filter(p -> !out.contains(p))
        .ifPresent(out::add);
    return out;
  }

  private static Check watch(String id, String title, int level, Targets targets) {
    CheckInfo info =
        new CheckInfo(
            id,
            title,
            level,
            true,
            Severity.LOW,
            CisIdMap.VERSION,
            CisIdMap.dockerBenchId(id),
            REMEDIATION);
    return Check.of(info, (i, ctx) -> evaluate(i, ctx, targets.paths(ctx)));
  }

  static List<Finding> evaluate(CheckInfo info, BenchContext ctx, List<String> paths)
      throws BenchException {
    HostFacts host = ctx.host();
    AuditRules rules = host.auditRules();
    List<Finding> out = new ArrayList<>();
    if (paths.isEmpty()) {
      out.add(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "host",
                  "this host has no such file: no unit in " + HostFacts.UNIT_DIRS)
              .build());
    }
    for (String path : paths) {
      if (!host.exists(path)) {
        out.add(
            info.finding(
                    Status.NOT_APPLICABLE,
                    path,
                    path + " does not exist on this host (looked under " + host.root() + ")")
                .build());
        continue;
      }
      Optional<AuditRules.Watch> w = rules.covering(path, host::isDirectory);
      if (w.isEmpty()) {
        out.add(
            info.finding(
                    Status.FAIL,
                    path,
                    "no audit rule watches "
                        + path
                        + " (read "
                        + rules.watches().size()
                        + " file watches from auditctl -l, /etc/audit/audit.rules and"
                        + " /etc/audit/rules.d/*.rules)")
                .build());
      } else if (!w.get().auditsChanges()) {
        out.add(
            info.finding(
                    Status.FAIL,
                    path,
                    "the watch '"
                        + w.get().rule()
                        + "' in "
                        + w.get().source()
                        + " audits only '"
                        + w.get().permissions()
                        + "' accesses, not writes and attribute changes (wa)")
                .build());
      } else {
        String how =
            w.get().path().equals(path) ? "" : " (covers the directory " + w.get().path() + ")";
        out.add(
            info.finding(
                    Status.PASS,
                    path,
                    "watched by '" + w.get().rule() + "' in " + w.get().source() + how)
                .build());
      }
    }
    return out;
  }
}
