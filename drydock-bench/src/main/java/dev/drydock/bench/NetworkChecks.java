package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerHostConfig.PortBinding;
import dev.drydock.engine.NetworkDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** CIS 5.8, 5.9, 5.14, 5.30: published ports and the default bridge. */
final class NetworkChecks {
  private NetworkChecks() {}

  /** Ports below this need root to bind on Linux (CIS 5.8); 1024 itself is not privileged. */
  static final int FIRST_UNPRIVILEGED_PORT = 1024;

  /** Host addresses that mean "every interface". */
  static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "::", "[::]");

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "5.8",
                "Ensure privileged ports are not mapped within containers",
                1,
                true,
                Severity.MEDIUM,
                "Publish container ports on host ports 1024 and above (e.g. -p 8080:80)."),
            (i, c) -> Audits.perContainer(i, c, NetworkChecks::privilegedPorts)),
        Check.of(
            Audits.info(
                "5.9",
                "Ensure that only needed ports are open on the container",
                1,
                false,
                Severity.MEDIUM,
                "Publish only the ports the service needs; avoid -P, which publishes every"
                    + " exposed port."),
            (i, c) ->
                Audits.manualPerContainer(
                    i,
                    c,
                    d -> {
                      List<String> ports = describe(bindings(d));
                      if (ports.isEmpty() && !d.hostConfig().publishAllPorts()) {
                        return Optional.empty();
                      }
                      return Optional.of(
                          "publishes "
                              + ports
                              + (d.hostConfig().publishAllPorts()
                                  ? " (-P: every exposed port)"
                                  : "")
                              + ": confirm each is needed");
                    },
                    "none publishes a port")),
        Check.of(
            Audits.info(
                "5.14",
                "Ensure that incoming container traffic is bound to a specific host interface",
                1,
                true,
                Severity.MEDIUM,
                "Publish on one host address (e.g. -p 127.0.0.1:8080:80) instead of every"
                    + " interface."),
            (i, c) -> Audits.perContainer(i, c, NetworkChecks::wildcardBindings)),
        Check.of(
            Audits.info(
                "5.30",
                "Ensure that Docker's default bridge \"docker0\" is not used",
                2,
                false,
                Severity.LOW,
                "Attach containers to user-defined networks instead of the default bridge."),
            NetworkChecks::defaultBridge));
  }

  /**
   * {@return the bindings in force for a running container, else the requested ones: a created
   * container's ports are published the moment it starts}
   */
  static Map<String, List<PortBinding>> bindings(ContainerDetails c) {
    boolean live = c.state().running() && !c.publishedPorts().isEmpty();
    return live ? c.publishedPorts() : c.hostConfig().portBindings();
  }

  static Optional<String> privilegedPorts(ContainerDetails c) {
    List<String> bad = new ArrayList<>();
    bindings(c)
        .forEach(
            (port, list) -> {
              for (PortBinding b : list) {
                int host = hostPort(b);
                if (host > 0 && host < FIRST_UNPRIVILEGED_PORT) {
                  bad.add(describe(port, b));
                }
              }
            });
    return bad.isEmpty() ? Optional.empty() : Optional.of("ports " + bad);
  }

  static Optional<String> wildcardBindings(ContainerDetails c) {
    List<String> bad = new ArrayList<>();
    bindings(c)
        .forEach(
            (port, list) -> {
              for (PortBinding b : list) {
                if (WILDCARDS.contains(b.hostIp())) {
                  bad.add(describe(port, b));
                }
              }
            });
    return bad.isEmpty() ? Optional.empty() : Optional.of("ports " + bad + " on every interface");
  }

  private static int hostPort(PortBinding b) {
    try {
      return Integer.parseInt(b.hostPort().strip());
    } catch (NumberFormatException e) {
      return 0; // empty or a range: the daemon picks an ephemeral port
    }
  }

  private static List<String> describe(Map<String, List<PortBinding>> ports) {
    List<String> out = new ArrayList<>();
    ports.forEach((port, list) -> list.forEach(b -> out.add(describe(port, b))));
    return out;
  }

  private static String describe(String port, PortBinding b) {
    String ip = b.hostIp().isEmpty() ? "*" : b.hostIp();
    if (ip.contains(":") && !ip.startsWith("[")) {
      ip = "[" + ip + "]";
    }
    return port + " -> " + ip + ":" + (b.hostPort().isEmpty() ? "(any)" : b.hostPort());
  }

  private static List<Finding> defaultBridge(CheckInfo info, BenchContext context)
      throws BenchException {
    List<String> bridgeNetworks = new ArrayList<>();
    for (NetworkDetails n : context.engine().networks()) {
      if (n.bridgeName().equals("docker0")) {
        bridgeNetworks.add(n.name());
      }
    }
    return Audits.manualPerContainer(
        info,
        context,
        c -> {
          List<String> on = c.networks().stream().filter(bridgeNetworks::contains).toList();
          boolean implicit =
              on.isEmpty()
                  && c.networks().isEmpty()
                  && c.hostConfig().networkMode().equals("default")
                  && !bridgeNetworks.isEmpty();
          if (on.isEmpty() && !implicit) {
            return Optional.empty();
          }
          return Optional.of(
              "attached to the default bridge docker0 (network "
                  + (on.isEmpty() ? bridgeNetworks.getFirst() : on.getFirst())
                  + ")");
        },
        "none is attached to docker0");
  }
}
