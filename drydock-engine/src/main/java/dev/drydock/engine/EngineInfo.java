package dev.drydock.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's configuration and state from {@code GET /info}: the fields a security audit needs.
 *
 * @param id the daemon's unique ID
 * @param name the host name
 * @param serverVersion the engine release, e.g. {@code 20.10.24+dfsg1}
 * @param containers all containers
 * @param containersRunning running containers
 * @param containersPaused paused containers
 * @param containersStopped stopped containers
 * @param images images
 * @param storageDriver the storage driver ({@code Driver}), e.g. {@code overlay2}
 * @param loggingDriver the default logging driver, e.g. {@code json-file}
 * @param cgroupDriver {@code cgroupfs} or {@code systemd}
 * @param cgroupVersion {@code 1} or {@code 2}; empty if not sent
 * @param securityOptions entries such as {@code name=seccomp,profile=default} or {@code
 *     name=userns}
 * @param dockerRootDir the data root, e.g. {@code /var/lib/docker}
 * @param kernelVersion the host kernel
 * @param operatingSystem the host OS, e.g. {@code Debian GNU/Linux 12 (bookworm)}
 * @param osType {@code linux} or {@code windows}
 * @param architecture the host CPU architecture, e.g. {@code x86_64}
 * @param liveRestoreEnabled whether containers survive a daemon restart ({@code --live-restore})
 * @param experimentalBuild whether experimental features are on
 * @param defaultRuntime the default OCI runtime, e.g. {@code runc}
 * @param authorizationPlugins the authorization plugins in force ({@code Plugins.Authorization})
 * @param insecureRegistryCidrs networks whose registries are used without TLS checks
 * @param warnings the daemon's own warnings, e.g. about missing kernel features
 * @param swarm the node's swarm membership ({@code Swarm})
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemInfo">SystemInfo</a>
 */
public record EngineInfo(
    String id,
    String name,
    String serverVersion,
    int containers,
    int containersRunning,
    int containersPaused,
    int containersStopped,
    int images,
    String storageDriver,
    String loggingDriver,
    String cgroupDriver,
    String cgroupVersion,
    List<String> securityOptions,
    String dockerRootDir,
    String kernelVersion,
    String operatingSystem,
    String osType,
    String architecture,
    boolean liveRestoreEnabled,
    boolean experimentalBuild,
    String defaultRuntime,
    List<String> authorizationPlugins,
    List<String> insecureRegistryCidrs,
    List<String> warnings,
    Swarm swarm) {

  /**
   * Checks the counts and copies the lists.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public EngineInfo {
    for (int count :
        new int[] {containers, containersRunning, containersPaused, containersStopped, images}) {
      if (count < 0) {
        throw new IllegalArgumentException("negative count in docker info: " + count);
      }
    }
    requireAll(id, name, serverVersion, storageDriver, loggingDriver, cgroupDriver, cgroupVersion);
    requireAll(dockerRootDir, kernelVersion, operatingSystem, osType, architecture, defaultRuntime);
    securityOptions = List.copyOf(securityOptions);
    authorizationPlugins = List.copyOf(authorizationPlugins);
    insecureRegistryCidrs = List.copyOf(insecureRegistryCidrs);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(swarm, "swarm");
  }

  /**
   * Tells whether a security option is in force, e.g. {@code seccomp}, {@code apparmor}, {@code
   * selinux}, {@code userns}, {@code rootless}, {@code no-new-privileges}.
   *
   * @param optionName the option's {@code name=} value
   * @return whether {@link #securityOptions()} lists it
   */
  public boolean hasSecurityOption(String optionName) {
    // API 1.26+ sends "name=seccomp,profile=default"; older daemons sent the bare name.
    return securityOptions.stream()
        .anyMatch(
            option ->
                option.equals(optionName)
                    || option.equals("name=" + optionName)
                    || option.startsWith("name=" + optionName + ","));
  }

  /** {@return whether user namespace remapping ({@code --userns-remap}) is on} */
  public boolean usernsRemap() {
    return hasSecurityOption("userns");
  }

  /** {@return whether the daemon runs rootless} */
  public boolean rootless() {
    return hasSecurityOption("rootless");
  }

  private static void requireAll(String... values) {
    for (String value : values) {
      Objects.requireNonNull(value, "EngineInfo text fields must not be null");
    }
  }

  /**
   * This node's part in a swarm, from {@code docker info}'s {@code Swarm} object.
   *
   * @param nodeId the node's ID; empty when not in a swarm
   * @param nodeAddr the address other nodes reach it at; empty when not in a swarm
   * @param localNodeState {@code inactive}, {@code pending}, {@code active}, {@code error} or
   *     {@code locked}
   * @param controlAvailable whether this node is a manager
   * @param nodes how many nodes the swarm has (managers only see this; 0 otherwise)
   * @param managers how many managers the swarm has (managers only; 0 otherwise)
   * @param remoteManagers the managers' addresses ({@code RemoteManagers[].Addr})
   * @param cluster the cluster's settings; null unless this node is a manager
   */
  public record Swarm(
      String nodeId,
      String nodeAddr,
      String localNodeState,
      boolean controlAvailable,
      int nodes,
      int managers,
      List<String> remoteManagers,
      @Nullable Cluster cluster) {
    /** Copies the list and rejects nulls. */
    public Swarm {
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(nodeAddr, "nodeAddr");
      Objects.requireNonNull(localNodeState, "localNodeState");
      remoteManagers = List.copyOf(remoteManagers);
    }

    /** {@return the state of a node that is in no swarm} */
    public static Swarm inactive() {
      return new Swarm("", "", "inactive", false, 0, 0, List.of(), null);
    }

    /** {@return whether this node is in a swarm ({@code active}, or {@code locked})} */
    public boolean active() {
      return localNodeState.equals("active") || localNodeState.equals("locked");
    }
  }

  /**
   * The swarm's cluster-wide settings, which only managers report ({@code Swarm.Cluster}).
   *
   * @param id the cluster ID
   * @param autoLockManagers whether managers need the unlock key after a restart
   * @param nodeCertExpiry how long node certificates are valid ({@code
   *     Spec.CAConfig.NodeCertExpiry}); zero if not sent
   * @param rootRotationInProgress whether a CA root rotation is under way
   * @param externalCas how many external CAs are configured
   */
  public record Cluster(
      String id,
      boolean autoLockManagers,
      Duration nodeCertExpiry,
      boolean rootRotationInProgress,
      int externalCas) {
    /** Rejects nulls. */
    public Cluster {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(nodeCertExpiry, "nodeCertExpiry");
    }
  }
}
