package dev.drydock.engine;

import java.util.List;
import java.util.Objects;

/**
 * The daemon's build and API versions from {@code GET /version}.
 *
 * @param version the engine release, e.g. {@code 20.10.24+dfsg1}
 * @param apiVersion the highest API version the daemon speaks
 * @param minApiVersion the lowest API version the daemon accepts
 * @param gitCommit the engine's source commit
 * @param goVersion the Go toolchain it was built with
 * @param os the daemon's OS, e.g. {@code linux}
 * @param arch the daemon's CPU architecture, e.g. {@code amd64}
 * @param kernelVersion the host kernel, e.g. {@code 6.1.0-18-amd64}
 * @param buildTime when it was built, as the daemon formats it; empty if not sent
 * @param experimental whether experimental features are on
 * @param components versions of the engine's parts (containerd, runc, docker-init), for patch
 *     checks
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemVersion">SystemVersion</a>
 */
public record EngineVersion(
    String version,
    ApiVersion apiVersion,
    ApiVersion minApiVersion,
    String gitCommit,
    String goVersion,
    String os,
    String arch,
    String kernelVersion,
    String buildTime,
    boolean experimental,
    List<Component> components) {

  /** Checks that no component is null and copies the component list. */
  public EngineVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(minApiVersion, "minApiVersion");
    Objects.requireNonNull(gitCommit, "gitCommit");
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(kernelVersion, "kernelVersion");
    Objects.requireNonNull(buildTime, "buildTime");
    components = List.copyOf(components);
  }

  /**
   * One part of the engine and its version.
   *
   * @param name the part, e.g. {@code Engine}, {@code containerd}, {@code runc}
   * @param version its version, e.g. {@code 1.1.5+ds1}
   */
  public record Component(String name, String version) {
    /** Checks that neither is null. */
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
    }
  }
}
