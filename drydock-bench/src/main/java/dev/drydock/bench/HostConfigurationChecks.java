package dev.drydock.bench;

import dev.drydock.engine.EngineInfo;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CIS Docker Benchmark section 1 Host configuration. The audit-rule checks 1.1.3 to 1.1.18 are in
 * {@link AuditRuleChecks}.
 */
final class HostConfigurationChecks {
  private HostConfigurationChecks() {}

  static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.add(
        Check.of(
            new CheckInfo(
                "1.1.1",
                "Ensure a separate partition for containers has been created",
                1,
                true,
                Severity.LOW,
                CisIdMap.VERSION,
                CisIdMap.dockerBenchId("1.1.1"),
                "Put Docker's data root (/var/lib/docker or --data-root) on a file system of its"
                    + " own, e.g. a logical volume mounted there, so that containers filling it"
                    + " cannot fill the root file system."),
            HostConfigurationChecks::separatePartition));
    all.add(
        Check.of(
            new CheckInfo(
                "1.1.2",
                "Ensure only trusted users are allowed to control Docker daemon",
                1,
                true,
                Severity.HIGH,
                CisIdMap.VERSION,
                CisIdMap.dockerBenchId("1.1.2"),
                "Members of the docker group can take over the host through the daemon: remove"
                    + " every user who must not be root (`gpasswd -d USER docker`), and pass the"
                    + " trusted ones to the audit."),
            HostConfigurationChecks::trustedUsers));
    all.addAll(AuditRuleChecks.checks());
    all.add(
        Check.of(
            new CheckInfo(
                "1.2.1",
                "Ensure the container host has been Hardened",
                1,
                false,
                Severity.INFO,
                CisIdMap.VERSION,
                CisIdMap.dockerBenchId("1.2.1"),
                "Harden the host with its operating system's CIS benchmark: a minimal install,"
                    + " kernel and package updates, no services the containers do not need."),
            (info, ctx) -> List.of(info.finding(Status.MANUAL, "host", hostSummary(ctx)).build())));
    all.add(
        Check.of(
            new CheckInfo(
                "1.2.2",
                "Ensure that the version of Docker is up to date",
                1,
                false,
                Severity.INFO,
                CisIdMap.VERSION,
                CisIdMap.dockerBenchId("1.2.2"),
                "Compare the engine version with the newest release of its channel (for a"
                    + " distribution package, the distribution's security updates) and upgrade"
                    + " when it is behind."),
            (info, ctx) ->
                List.of(
                    info.finding(
                            Status.MANUAL,
                            "docker engine",
                            "server version "
                                + ctx.engine().version().version()
                                + ", API "
                                + ctx.engine().version().apiVersion()
                                + "; check it against the current releases")
                        .build())));
    return List.copyOf(all);
  }

  private static String hostSummary(BenchContext ctx) {
    try {
      EngineInfo i = ctx.engine().info();
      return "review the hardening of "
          + i.operatingSystem()
          + ", kernel "
          + i.kernelVersion()
          + " against its own CIS benchmark";
    } catch (BenchException e) {
      return "review the host's hardening against its operating system's CIS benchmark";
    }
  }

  private static List<Finding> separatePartition(CheckInfo info, BenchContext ctx)
      throws BenchException {
    String dataRoot = ctx.engine().info().dockerRootDir();
    if (ctx.engine().info().usernsRemap() && dataRoot.lastIndexOf('/') > 0) {
      // with user namespaces the daemon reports <root>/<uid>.<gid>
      dataRoot = dataRoot.substring(0, dataRoot.lastIndexOf('/'));
    }
    HostFacts host = ctx.host();
    if (!host.exists(dataRoot)) {
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  dataRoot,
                  "the daemon's data root "
                      + dataRoot
                      + " is not on this host (looked under "
                      + host.root()
                      + ")")
              .build());
    }
    boolean separate = host.separateFileSystem(dataRoot, "/");
    return List.of(
        info.finding(
                separate ? Status.PASS : Status.FAIL,
                dataRoot,
                dataRoot
                    + (separate
                        ? " is on a file system of its own"
                        : " is on the same file system as /"))
            .build());
  }

  private static List<Finding> trustedUsers(CheckInfo info, BenchContext ctx)
      throws BenchException {
    String group = "docker";
    DaemonConfig d = ctx.host().daemon();
    var custom = d.setting("group", "group");
    if (custom.isPresent()) {
      group = custom.get().first();
    }
    var g = ctx.host().groups().byName(group);
    if (g.isEmpty()) {
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "group " + group,
                  "the host has no group '"
                      + group
                      + "' in /etc/group, so no one reaches the"
                      + " socket through it")
              .build());
    }
    Set<String> members = new LinkedHashSet<>(g.get().members());
    members.addAll(ctx.host().primaryMembers(g.get().gid()));
    List<String> trusted = ctx.options().trustedUsers();
    if (members.isEmpty()) {
      return List.of(
          info.finding(Status.PASS, "group " + group, "group " + group + " has no members")
              .build());
    }
    if (trusted.isEmpty()) {
      return List.of(
          info.finding(
                  Status.MANUAL,
                  "group " + group,
                  "members of group "
                      + group
                      + " (gid "
                      + g.get().gid()
                      + "): "
                      + String.join(", ", members)
                      + "; confirm each is trusted, or pass the trusted users to the audit")
              .build());
    }
    List<Finding> out = new ArrayList<>();
    for (String m : members) {
      if (!trusted.contains(m)) {
        out.add(
            info.finding(
                    Status.FAIL,
                    m,
                    "user "
                        + m
                        + " is in group "
                        + group
                        + " but not among the trusted users "
                        + trusted)
                .build());
      }
    }
    if (out.isEmpty()) {
      out.add(
          info.finding(
                  Status.PASS,
                  "group " + group,
                  "every member of group " + group + " is trusted: " + String.join(", ", members))
              .build());
    }
    return out;
  }
}
