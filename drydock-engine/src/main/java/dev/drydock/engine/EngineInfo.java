package dev.drydock.engine;

import java.util.List;
import java.util.Objects;

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
    List<String> warnings) {

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
}
