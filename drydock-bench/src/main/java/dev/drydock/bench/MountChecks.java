package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CIS 5.6, 5.18, 5.20, 5.32: what of the host a container gets through mounts and devices. */
final class MountChecks {
  private MountChecks() {}

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "5.6",
                "Ensure sensitive host system directories are not mounted on containers",
                1,
                true,
                Severity.HIGH,
                "Do not bind-mount / (even read-only), nor /boot, /dev, /etc, /lib, /proc,"
                    + " /sys, /usr or anything below them read-write; mount only the files the"
                    + " workload needs, read-only."),
            (i, c) -> {
              HostMounts.Sources sources = MountSources.of(c);
              return Audits.perContainer(i, c, d -> HostMounts.sensitive(d, sources));
            }),
        Check.of(
            Audits.info(
                "5.18",
                "Ensure that host devices are not directly exposed to containers",
                1,
                false,
                Severity.MEDIUM,
                "Remove --device unless the workload needs that device; add :r or :rw only as"
                    + " needed (never m)."),
            (i, c) ->
                Audits.manualPerContainer(
                    i,
                    c,
                    d ->
                        d.hostConfig().devices().isEmpty()
                            ? Optional.empty()
                            : Optional.of(
                                "HostConfig.Devices="
                                    + d.hostConfig().devices()
                                    + ": confirm each is needed"),
                    "none maps a host device")),
        Check.of(
            Audits.info(
                "5.20",
                "Ensure mount propagation mode is not set to shared",
                1,
                true,
                Severity.MEDIUM,
                "Do not use shared or rshared bind propagation: mounts made in the container"
                    + " would appear on the host."),
            (i, c) -> Audits.perContainer(i, c, MountChecks::sharedPropagation)),
        Check.of(
            Audits.info(
                "5.32",
                "Ensure that the Docker socket is not mounted inside any containers",
                1,
                true,
                Severity.CRITICAL,
                "Do not mount docker.sock, nor a directory above it such as /run or /var/run:"
                    + " whoever reaches the socket controls the host."),
            MountChecks::dockerSocket));
  }

  static Optional<String> sharedPropagation(ContainerDetails c) {
    List<String> shared =
        c.mounts().stream()
            .filter(m -> m.propagation().equals("shared") || m.propagation().equals("rshared"))
            .map(m -> HostMounts.describe(m) + " propagation=" + m.propagation())
            .toList();
    return shared.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", shared));
  }

  private static List<Finding> dockerSocket(CheckInfo info, BenchContext context)
      throws BenchException {
    Optional<Path> socket =
        context.host().endpoint() instanceof EngineEndpoint.Unix unix
            ? Optional.of(unix.socket())
            : Optional.empty();
    Set<String> sockets = HostMounts.sockets(socket);
    HostMounts.Sources sources = MountSources.of(context);
    return Audits.perContainer(info, context, c -> HostMounts.socket(c, sockets, sources));
  }
}
