package dev.drydock.bench;

import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.List;
import java.util.Set;

/**
 * CIS Docker Benchmark section 2 Docker daemon configuration. Settings are read from the daemon
 * that actually serves the audited endpoint (its command line and daemon.json, see {@link
 * HostFacts#daemon()}); where the Engine API states the effective value (user namespaces,
 * authorization plugins, insecure registries, logging and storage drivers, live restore) the API
 * wins, and it is all there is for a remote daemon.
 */
final class DaemonConfigurationChecks {
  private DaemonConfigurationChecks() {}

  /** Logging drivers that keep logs only on the host. */
  private static final Set<String> LOCAL_LOG_DRIVERS = Set.of("json-file", "local", "none", "");

  private static CheckInfo info(
      String id, String title, int level, boolean automated, Severity s, String remediation) {
    return new CheckInfo(
        id, title, level, automated, s, CisIdMap.VERSION, CisIdMap.dockerBenchId(id), remediation);
  }

  static List<Check> checks() {
    return List.of(
        Check.of(
            info(
                "2.1",
                "Run the Docker daemon as a non-root user, if possible",
                1,
                false,
                Severity.MEDIUM,
                "Where the workloads allow it, run Docker in rootless mode"
                    + " (dockerd-rootless-setuptool.sh install) so that a daemon compromise is not"
                    + " a root compromise."),
            DaemonSettingRules::rootless),
        Check.of(
            info(
                "2.2",
                "Ensure network traffic is restricted between containers on the default"
                    + " bridge",
                1,
                true,
                Severity.MEDIUM,
                "Start dockerd with --icc=false (or \"icc\": false in daemon.json) and link"
                    + " containers that must talk through user-defined networks."),
            (i, c) ->
                DaemonSettingRules.boolSetting(
                    i, c, "icc", "icc", false, true, "inter-container traffic")),
        Check.of(
            info(
                "2.3",
                "Ensure the logging level is set to 'info'",
                1,
                true,
                Severity.LOW,
                "Remove --log-level/--debug (or set \"log-level\": \"info\") so that the daemon"
                    + " logs what an investigation needs without logging secrets at debug level."),
            DaemonSettingRules::logLevel),
        Check.of(
            info(
                "2.4",
                "Ensure Docker is allowed to make changes to iptables",
                1,
                true,
                Severity.MEDIUM,
                "Remove --iptables=false (and \"iptables\": false) so that dockerd keeps the"
                    + " firewall rules in line with the containers' published ports."),
            (i, c) ->
                DaemonSettingRules.boolSetting(
                    i, c, "iptables", "iptables", true, true, "iptables management")),
        Check.of(
            info(
                "2.5",
                "Ensure insecure registries are not used",
                1,
                true,
                Severity.HIGH,
                "Remove --insecure-registry and \"insecure-registries\"; give each registry a"
                    + " certificate (and /etc/docker/certs.d/<host:port>/ca.crt for a private"
                    + " CA)."),
            DaemonSettingRules::insecureRegistries),
        Check.of(
            info(
                "2.6",
                "Ensure aufs storage driver is not used",
                1,
                true,
                Severity.MEDIUM,
                "Move to the overlay2 storage driver; aufs is unmaintained and removed from"
                    + " current engines."),
            (i, c) -> storageDriverIsNot(i, c, "aufs")),
        Check.of(
            info(
                "2.7",
                "Ensure devicemapper storage driver is not used",
                1,
                true,
                Severity.MEDIUM,
                "Move to the overlay2 storage driver (export what must be kept, change"
                    + " \"storage-driver\", restart); devicemapper is deprecated and gone from"
                    + " Docker Engine 25."),
            (i, c) -> storageDriverIsNot(i, c, "devicemapper")),
        Check.of(
            info(
                "2.8",
                "Ensure TLS authentication for Docker daemon is configured",
                1,
                true,
                Severity.CRITICAL,
                "Never expose the API on TCP without --tlsverify: pass --tlsverify, --tlscacert,"
                    + " --tlscert and --tlskey (or the daemon.json keys) so that only clients with"
                    + " a certificate from your CA can connect, or listen on the Unix socket"
                    + " only."),
            TlsCheck::evaluate),
        Check.of(
            info(
                "2.9",
                "Ensure the default ulimit is configured appropriately",
                1,
                false,
                Severity.LOW,
                "Set --default-ulimit (or \"default-ulimits\") to limits that suit the"
                    + " workloads, e.g. nofile and nproc."),
            (i, c) -> DaemonSettingRules.manualSetting(i, c, "default-ulimit", "default-ulimits")),
        Check.of(
            info(
                "2.10",
                "Enable user namespace support",
                2,
                true,
                Severity.MEDIUM,
                "Start dockerd with --userns-remap=default (or \"userns-remap\") so that root in"
                    + " a container is an unprivileged user on the host."),
            DaemonSettingRules::userns),
        Check.of(
            info(
                "2.11",
                "Ensure the default cgroup usage has been confirmed",
                2,
                true,
                Severity.LOW,
                "Remove --cgroup-parent (\"cgroup-parent\") unless the custom parent cgroup is"
                    + " intended and its limits reviewed."),
            DaemonSettingRules::cgroupParent),
        Check.of(
            info(
                "2.12",
                "Ensure base device size is not changed until needed",
                2,
                true,
                Severity.LOW,
                "Remove the dm.basesize storage option unless a larger base device is needed;"
                    + " it lets containers fill the host's storage."),
            DaemonSettingRules::baseSize),
        Check.of(
            info(
                "2.13",
                "Ensure that authorization for Docker client commands is enabled",
                2,
                true,
                Severity.MEDIUM,
                "Install an authorization plugin (e.g. drydock authz) and enable it with"
                    + " --authorization-plugin or \"authorization-plugins\"."),
            DaemonSettingRules::authz),
        Check.of(
            info(
                "2.14",
                "Ensure centralized and remote logging is configured",
                2,
                true,
                Severity.LOW,
                "Set a log driver that ships logs off the host (syslog, journald with"
                    + " forwarding, gelf, fluentd, ...) with --log-driver or \"log-driver\"."),
            (i, c) -> {
              String driver = c.engine().info().loggingDriver();
              boolean local = LOCAL_LOG_DRIVERS.contains(driver);
              return List.of(
                  i.finding(
                          local ? Status.FAIL : Status.PASS,
                          "log-driver",
                          "the daemon's default logging driver is '"
                              + driver
                              + "' (docker info)"
                              + (local ? ", which keeps logs on the host only" : ""))
                      .build());
            }),
        Check.of(
            info(
                "2.15",
                "Ensure containers are restricted from acquiring new privileges",
                1,
                true,
                Severity.MEDIUM,
                "Start dockerd with --no-new-privileges (or \"no-new-privileges\": true) so"
                    + " that setuid programs cannot raise a container process's privileges."),
            (i, c) ->
                DaemonSettingRules.boolSetting(
                    i,
                    c,
                    "no-new-privileges",
                    "no-new-privileges",
                    true,
                    false,
                    "no-new-privileges")),
        Check.of(
            info(
                "2.16",
                "Ensure live restore is enabled",
                1,
                true,
                Severity.LOW,
                "Start dockerd with --live-restore (or \"live-restore\": true) so that"
                    + " containers keep running while the daemon is restarted or upgraded."),
            (i, c) -> {
              boolean on = c.engine().info().liveRestoreEnabled();
              return List.of(
                  i.finding(
                          on ? Status.PASS : Status.FAIL,
                          "live-restore",
                          "docker info reports live restore " + (on ? "enabled" : "disabled"))
                      .build());
            }),
        Check.of(
            info(
                "2.17",
                "Ensure Userland Proxy is Disabled",
                1,
                true,
                Severity.LOW,
                "Start dockerd with --userland-proxy=false (or \"userland-proxy\": false) so"
                    + " that published ports are handled by iptables rules, not a proxy process"
                    + " per port."),
            (i, c) ->
                DaemonSettingRules.boolSetting(
                    i, c, "userland-proxy", "userland-proxy", false, true, "userland proxy")),
        Check.of(
            info(
                "2.18",
                "Ensure that a daemon-wide custom seccomp profile is applied if" + " appropriate",
                2,
                false,
                Severity.LOW,
                "If the default seccomp profile is too broad for your workloads, write a"
                    + " narrower one and set it with --seccomp-profile (\"seccomp-profile\")."),
            DaemonSettingRules::seccomp),
        Check.of(
            info(
                "2.19",
                "Ensure that experimental features are not implemented in production",
                1,
                true,
                Severity.MEDIUM,
                "Remove --experimental (\"experimental\": true) on production daemons."),
            (i, c) -> {
              boolean on = c.engine().info().experimentalBuild();
              return List.of(
                  i.finding(
                          on ? Status.FAIL : Status.PASS,
                          "experimental",
                          "docker info reports experimental features "
                              + (on ? "enabled" : "disabled"))
                      .build());
            }));
  }

  /** Storage-driver checks (2.6, 2.7) fail when the daemon reports the named driver. */
  private static List<dev.drydock.model.Finding> storageDriverIsNot(
      CheckInfo info, BenchContext context, String banned) throws BenchException {
    String driver = context.engine().info().storageDriver();
    return List.of(
        info.finding(
                driver.equals(banned) ? Status.FAIL : Status.PASS,
                "storage-driver",
                "the daemon reports storage driver '" + driver + "' (docker info)")
            .build());
  }
}
