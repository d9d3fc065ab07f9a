package dev.drydock.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code HostConfig} of an inspected container: the isolation and resource settings the CIS
 * Docker Benchmark (section 5, Container Runtime) checks. Empty strings and zeros mean "not set",
 * i.e. the daemon's default.
 *
 * @param privileged {@code --privileged}
 * @param pidMode e.g. {@code host} or {@code container:<id>}; empty for a private namespace
 * @param ipcMode e.g. {@code private}, {@code shareable}, {@code host}
 * @param utsMode {@code host} or empty
 * @param usernsMode {@code host} or empty
 * @param networkMode e.g. {@code bridge}, {@code host}, {@code none} or a network name
 * @param capAdd added capabilities, e.g. {@code CAP_NET_ADMIN}
 * @param capDrop dropped capabilities, e.g. {@code ALL}
 * @param securityOpt e.g. {@code no-new-privileges}, {@code seccomp=unconfined}
 * @param readonlyRootfs {@code --read-only}
 * @param memory the memory limit in bytes; 0 means unlimited
 * @param nanoCpus the CPU limit in billionths of a CPU ({@code --cpus}); 0 means unlimited
 * @param cpuShares the relative CPU weight; 0 means the default (1024)
 * @param pidsLimit the process limit; 0 or -1 means unlimited
 * @param restartPolicy the restart policy
 * @param devices host devices mapped in ({@code PathOnHost})
 * @param cgroupParent the parent cgroup; empty for the daemon's default
 * @param portBindings published ports: container port ({@code 80/tcp}) to host bindings
 * @param publishAllPorts {@code -P}
 * @param ulimits the resource limits set for it ({@code --ulimit}); empty means the daemon's
 */
public record ContainerHostConfig(
    boolean privileged,
    String pidMode,
    String ipcMode,
    String utsMode,
    String usernsMode,
    String networkMode,
    List<String> capAdd,
    List<String> capDrop,
    List<String> securityOpt,
    boolean readonlyRootfs,
    long memory,
    long nanoCpus,
    long cpuShares,
    long pidsLimit,
    RestartPolicy restartPolicy,
    List<String> devices,
    String cgroupParent,
    Map<String, List<PortBinding>> portBindings,
    boolean publishAllPorts,
    List<Ulimit> ulimits) {

  /** Copies the collections and rejects nulls. */
  public ContainerHostConfig {
    for (String text : new String[] {pidMode, ipcMode, utsMode, usernsMode, networkMode}) {
      Objects.requireNonNull(text, "HostConfig text fields must not be null");
    }
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    securityOpt = List.copyOf(securityOpt);
    Objects.requireNonNull(restartPolicy, "restartPolicy");
    devices = List.copyOf(devices);
    Objects.requireNonNull(cgroupParent, "cgroupParent");
    portBindings = copyPorts(portBindings);
    ulimits = List.copyOf(ulimits);
  }

  static Map<String, List<PortBinding>> copyPorts(Map<String, List<PortBinding>> ports) {
    Map<String, List<PortBinding>> copy = new LinkedHashMap<>();
    ports.forEach((port, bindings) -> copy.put(port, List.copyOf(bindings)));
    return Map.copyOf(copy);
  }

  /**
   * One resource limit ({@code --ulimit name=soft:hard}).
   *
   * @param name e.g. {@code nofile}, {@code nproc}
   * @param soft the soft limit
   * @param hard the hard limit
   */
  public record Ulimit(String name, long soft, long hard) {
    /** Rejects a null name. */
    public Ulimit {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A restart policy ({@code --restart}).
   *
   * @param name {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure}; empty
   *     means {@code no}
   * @param maximumRetryCount for {@code on-failure}: how many restarts; 0 means unlimited
   */
  public record RestartPolicy(String name, int maximumRetryCount) {
    /** Rejects a null name. */
    public RestartPolicy {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Where a container port is published on the host.
   *
   * @param hostIp the host address; empty means all addresses
   * @param hostPort the host port; empty means one the daemon picks
   */
  public record PortBinding(String hostIp, String hostPort) {
    /** Rejects nulls. */
    public PortBinding {
      Objects.requireNonNull(hostIp, "hostIp");
      Objects.requireNonNull(hostPort, "hostPort");
    }
  }
}
