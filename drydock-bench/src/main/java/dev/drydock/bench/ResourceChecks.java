package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerHostConfig;
import dev.drydock.engine.ImageDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CIS 5.11, 5.12, 5.13, 5.15, 5.19, 5.25, 5.27, 5.28, 5.29: limits, restart behaviour, root file
 * system, health and image freshness.
 */
final class ResourceChecks {
  private ResourceChecks() {}

  /** CIS 5.15's bound on {@code on-failure} restarts. */
  static final int MAX_RESTARTS = 5;

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "5.11",
                "Ensure that the memory usage for containers is limited",
                1,
                true,
                Severity.MEDIUM,
                "Set --memory (and --memory-swap) so that one container cannot exhaust the"
                    + " host's memory."),
            (i, c) ->
                Audits.perContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().memory() == 0
                            ? Optional.of("HostConfig.Memory=0 (unlimited)")
                            : Optional.empty())),
        Check.of(
            Audits.info(
                "5.12",
                "Ensure that CPU priority is set appropriately on containers",
                1,
                true,
                Severity.LOW,
                "Set --cpu-shares, --cpus or --cpuset-cpus so that one container cannot starve"
                    + " the others."),
            (i, c) -> Audits.perContainer(i, c, ResourceChecks::cpu)),
        Check.of(
            Audits.info(
                "5.13",
                "Ensure that the container's root filesystem is mounted as read only",
                1,
                true,
                Severity.MEDIUM,
                "Run with --read-only and give the paths that must be written a volume or"
                    + " --tmpfs."),
            (i, c) ->
                Audits.perContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().readonlyRootfs()
                            ? Optional.empty()
                            : Optional.of("HostConfig.ReadonlyRootfs=false"))),
        Check.of(
            Audits.info(
                "5.15",
                "Ensure that the 'on-failure' container restart policy is set to '5'",
                1,
                true,
                Severity.LOW,
                "Use --restart on-failure:5 (or no restart policy) instead of always,"
                    + " unless-stopped or an unbounded on-failure."),
            (i, c) -> Audits.perContainer(i, c, d -> restart(d.hostConfig().restartPolicy()))),
        Check.of(
            Audits.info(
                "5.19",
                "Ensure that the default ulimit is overwritten at runtime if needed",
                1,
                false,
                Severity.LOW,
                "Where the daemon's default ulimits do not suit a container, set --ulimit for"
                    + " it."),
            (i, c) ->
                Audits.manualPerContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().ulimits().isEmpty()
                            ? Optional.empty()
                            : Optional.of("HostConfig.Ulimits=" + ulimits(d)),
                    "none overrides the daemon's default ulimits; confirm the defaults suit them")),
        Check.of(
            Audits.info(
                "5.25",
                "Ensure that cgroup usage is confirmed",
                1,
                true,
                Severity.LOW,
                "Remove --cgroup-parent unless the container must run under that cgroup; then"
                    + " confirm the parent's limits."),
            (i, c) ->
                Audits.perContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().cgroupParent().isEmpty()
                            ? Optional.empty()
                            : Optional.of(
                                "HostConfig.CgroupParent=" + d.hostConfig().cgroupParent()))),
        Check.of(
            Audits.info(
                "5.27",
                "Ensure that container health is checked at runtime",
                1,
                true,
                Severity.LOW,
                "Add a HEALTHCHECK to the image or --health-cmd to the container, and act on"
                    + " unhealthy containers."),
            (i, c) ->
                Audits.perContainer(
                    i,
                    c,
                    d ->
                        d.healthcheck()
                            ? Optional.empty()
                            : Optional.of("Config.Healthcheck not set (no health status)"))),
        Check.of(
            Audits.info(
                "5.28",
                "Ensure that Docker commands always make use of the latest version of their"
                    + " image",
                1,
                false,
                Severity.LOW,
                "Pull the image again and re-create containers whose tag now points to a newer"
                    + " image."),
            ResourceChecks::latestImage),
        Check.of(
            Audits.info(
                "5.29",
                "Ensure that the PIDs cgroup limit is used",
                1,
                true,
                Severity.MEDIUM,
                "Set --pids-limit so that a fork bomb in one container cannot take down the"
                    + " host."),
            (i, c) ->
                Audits.perContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().pidsLimit() > 0
                            ? Optional.empty()
                            : Optional.of(
                                "HostConfig.PidsLimit="
                                    + d.hostConfig().pidsLimit()
                                    + " (unlimited)"))));
  }

  static Optional<String> cpu(ContainerDetails c) {
    ContainerHostConfig h = c.hostConfig();
    long quota = RawFields.number(c, "HostConfig", "CpuQuota");
    String cpuset = RawFields.text(c, "HostConfig", "CpusetCpus");
    if (h.cpuShares() > 0 || h.nanoCpus() > 0 || quota > 0 || !cpuset.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("HostConfig.CpuShares=0, NanoCpus=0, CpuQuota=0, CpusetCpus empty");
  }

  static Optional<String> restart(ContainerHostConfig.RestartPolicy policy) {
    String name = policy.name();
    int max = policy.maximumRetryCount();
    return switch (name) {
      case "always", "unless-stopped" ->
          Optional.of("HostConfig.RestartPolicy.Name=" + name + " (restarts without bound)");
      case "on-failure" ->
          max > 0 && max <= MAX_RESTARTS
              ? Optional.empty()
              : Optional.of(
                  "HostConfig.RestartPolicy=on-failure, MaximumRetryCount="
                      + max
                      + (max == 0 ? " (unbounded)" : " (more than " + MAX_RESTARTS + ")"));
      default -> Optional.empty(); // "no" or empty: never restarted
    };
  }

  private static String ulimits(ContainerDetails c) {
    return c.hostConfig().ulimits().stream()
        .map(u -> u.name() + "=" + u.soft() + ":" + u.hard())
        .toList()
        .toString();
  }

  private static List<Finding> latestImage(CheckInfo info, BenchContext context)
      throws BenchException {
    Map<String, String> tagToId = new HashMap<>();
    for (ImageDetails image : context.engine().images()) {
      image.repoTags().forEach(tag -> tagToId.put(tag, image.id()));
    }
    return Audits.manualPerContainer(
        info,
        context,
        c -> {
          String current = tagToId.get(c.configImage());
          if (current != null && !current.equals(c.imageId())) {
            return Optional.of(
                "created from "
                    + Audits.shortId(c.imageId())
                    + " but "
                    + c.configImage()
                    + " now points to "
                    + Audits.shortId(current));
          }
          return Optional.empty();
        },
        "each runs the image its tag points to locally; confirm the local tags are current");
  }
}
