package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.model.Severity;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** CIS 5.10, 5.16, 5.17, 5.21, 5.31: namespaces a container shares with the host. */
final class NamespaceChecks {
  private NamespaceChecks() {}

  static List<Check> checks() {
    return List.of(
        hostNamespace(
            "5.10",
            "Ensure that the host's network namespace is not shared",
            Severity.HIGH,
            "Do not use --network=host; publish the ports the service needs on a user-defined"
                + " network.",
            "NetworkMode",
            c -> c.hostConfig().networkMode()),
        hostNamespace(
            "5.16",
            "Ensure that the host's process namespace is not shared",
            Severity.HIGH,
            "Do not use --pid=host: the container could see and signal every host process.",
            "PidMode",
            c -> c.hostConfig().pidMode()),
        hostNamespace(
            "5.17",
            "Ensure that the host's IPC namespace is not shared",
            Severity.HIGH,
            "Do not use --ipc=host: the container could read the host's shared memory.",
            "IpcMode",
            c -> c.hostConfig().ipcMode()),
        hostNamespace(
            "5.21",
            "Ensure that the host's UTS namespace is not shared",
            Severity.MEDIUM,
            "Do not use --uts=host: the container could change the host's name.",
            "UTSMode",
            c -> c.hostConfig().utsMode()),
        hostNamespace(
            "5.31",
            "Ensure that the host's user namespaces are not shared",
            Severity.MEDIUM,
            "Do not use --userns=host: it opts the container out of the daemon's user"
                + " namespace remapping.",
            "UsernsMode",
            c -> c.hostConfig().usernsMode()));
  }

  private static Check hostNamespace(
      String id,
      String title,
      Severity severity,
      String remediation,
      String field,
      Function<ContainerDetails, String> mode) {
    return Check.of(
        Audits.info(id, title, 1, true, severity, remediation),
        (i, c) -> Audits.perContainer(i, c, d -> sharesHost(field, mode.apply(d))));
  }

  static Optional<String> sharesHost(String field, String mode) {
    return mode.equals("host") ? Optional.of("HostConfig." + field + "=host") : Optional.empty();
  }
}
