package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerProcesses;
import dev.drydock.engine.EngineInfo;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * CIS Docker Benchmark section 5 Container runtime. Every container is audited whatever its state:
 * a created or stopped container keeps the settings it will run with. The checks live in one class
 * per theme ({@link PrivilegeChecks}, {@link NamespaceChecks}, {@link MountChecks}, {@link
 * NetworkChecks}, {@link ResourceChecks}); this class adds 5.1 and 5.7 and puts them in benchmark
 * order.
 */
final class ContainerRuntimeChecks {
  private ContainerRuntimeChecks() {}

  static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.add(
        Check.of(
            // CIS 1.6.0 numbers this 5.1; docker-bench-security 1.6.0 called it 7.1, 1.6.1 5.1.
            Audits.info(
                "5.1",
                "Ensure swarm mode is not Enabled, if not needed",
                1,
                true,
                Severity.LOW,
                "If this host need not be a swarm node, leave the swarm (docker swarm leave):"
                    + " swarm mode opens management ports and keeps cluster secrets."),
            ContainerRuntimeChecks::swarmMode));
    all.add(
        Check.of(
            Audits.info(
                "5.7",
                "Ensure sshd is not run within containers",
                1,
                true,
                Severity.MEDIUM,
                "Remove the SSH server from the container; use docker exec for"
                    + " administration."),
            ContainerRuntimeChecks::sshd));
    all.addAll(PrivilegeChecks.checks());
    all.addAll(NamespaceChecks.checks());
    all.addAll(MountChecks.checks());
    all.addAll(NetworkChecks.checks());
    all.addAll(ResourceChecks.checks());
    all.sort(Comparator.comparingInt(c -> minor(c.info().id())));
    return List.copyOf(all);
  }

  private static int minor(String id) {
    return Integer.parseInt(id.substring(id.indexOf('.') + 1));
  }

  private static List<Finding> swarmMode(CheckInfo info, BenchContext context)
      throws BenchException {
    EngineInfo.Swarm swarm = context.engine().info().swarm();
    String evidence = "Swarm.LocalNodeState=" + swarm.localNodeState();
    if (swarm.active()) {
      return List.of(
          info.finding(Status.FAIL, "daemon", evidence + ": confirm this node must be in a swarm")
              .build());
    }
    return List.of(info.finding(Status.PASS, "daemon", evidence).build());
  }

  /**
   * 5.7 without running anything in the containers: a running container's processes come from the
   * daemon ({@code docker top}, the container's own cgroup, so a {@code --pid=host} container is
   * not credited with the host's sshd); a stopped one is judged by the command it would run.
   */
  private static List<Finding> sshd(CheckInfo info, BenchContext context) throws BenchException {
    List<ContainerDetails> containers = context.engine().containers();
    if (containers.isEmpty()) {
      return List.of(Audits.noContainers(info));
    }
    List<Finding> failures = new ArrayList<>();
    int running = 0;
    for (ContainerDetails c : containers) {
      Optional<String> evidence;
      Optional<ContainerProcesses> top = context.engine().processes(c);
      if (top.isPresent()) {
        running++;
        evidence =
            top.get().commands().stream()
                .filter(ContainerRuntimeChecks::isSshd)
                .findFirst()
                .map(cmd -> "process running: " + cmd);
      } else {
        String path = RawFields.text(c, "Path");
        evidence =
            isSshd(path) ? Optional.of("Path=" + path + " (runs when started)") : Optional.empty();
      }
      evidence.ifPresent(
          e -> failures.add(info.finding(Status.FAIL, Audits.subject(c), e).build()));
    }
    if (!failures.isEmpty()) {
      return failures;
    }
    return List.of(
        info.finding(
                Status.PASS,
                "containers",
                Audits.examined(containers.size(), "container")
                    + " examined: processes of "
                    + running
                    + " running, entry commands of the others")
            .build());
  }

  /** {@return whether a command line runs sshd: {@code /usr/sbin/sshd -D}, {@code sshd: user}} */
  static boolean isSshd(String command) {
    String first = command.strip().split("\\s+", 2)[0];
    String base = first.substring(first.lastIndexOf('/') + 1);
    return base.equals("sshd") || base.equals("sshd:");
  }
}
