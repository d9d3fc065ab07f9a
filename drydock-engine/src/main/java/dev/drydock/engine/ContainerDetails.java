package dev.drydock.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /containers/{id}/json} tells a security audit about one container. Environment
 * values may hold secrets, so only the variable names are kept, here and in {@link #rawJson()}.
 *
 * @param id the full container ID
 * @param name the name, without the daemon's leading {@code /}
 * @param imageId the ID of the image it was created from ({@code Image}), e.g. {@code sha256:...}
 * @param configImage the image as given at creation ({@code Config.Image}), e.g. {@code web:1}
 * @param user the user it runs as ({@code Config.User}); empty means the image's default
 * @param state its state
 * @param hostConfig its isolation and resource settings
 * @param mounts its mounts
 * @param appArmorProfile the AppArmor profile; empty if none applies
 * @param healthcheck whether a health check is configured (one that is not {@code NONE})
 * @param envNames the names of its environment variables, never their values
 * @param labels its labels ({@code Config.Labels})
 * @param exposedPorts its exposed ports ({@code Config.ExposedPorts}), e.g. {@code 8080/tcp}
 * @param publishedPorts the host bindings in force ({@code NetworkSettings.Ports}): container port
 *     to bindings; empty when it is not running (see {@link ContainerHostConfig#portBindings()} for
 *     the requested ones)
 * @param networks the names of the networks it is attached to ({@code NetworkSettings.Networks})
 * @param rawJson the whole answer, with environment values removed, for fields not modelled here
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerInspect">ContainerInspect</a>
 */
public record ContainerDetails(
    String id,
    String name,
    String imageId,
    String configImage,
    String user,
    State state,
    ContainerHostConfig hostConfig,
    List<Mount> mounts,
    String appArmorProfile,
    boolean healthcheck,
    List<String> envNames,
    Map<String, String> labels,
    List<String> exposedPorts,
    Map<String, List<ContainerHostConfig.PortBinding>> publishedPorts,
    List<String> networks,
    String rawJson) {

  /** Copies the lists, strips the leading {@code /} of the name and rejects nulls. */
  public ContainerDetails {
    Objects.requireNonNull(id, "id");
    name = stripSlash(name);
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(configImage, "configImage");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(hostConfig, "hostConfig");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(appArmorProfile, "appArmorProfile");
    envNames = List.copyOf(envNames);
    labels = Map.copyOf(labels);
    exposedPorts = List.copyOf(exposedPorts);
    publishedPorts = ContainerHostConfig.copyPorts(publishedPorts);
    networks = List.copyOf(networks);
    Objects.requireNonNull(rawJson, "rawJson");
  }

  /** {@return whether it runs as root: no user set here, {@code root} or UID 0} */
  public boolean runsAsRoot() {
    return isRootUser(user);
  }

  /** {@return a short form without the raw JSON, which can be long} */
  @Override
  public String toString() {
    return "ContainerDetails[id=" + id + ", name=" + name + ", state=" + state + "]";
  }

  static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  static boolean isRootUser(String user) {
    String who = user.strip();
    int colon = who.indexOf(':');
    who = colon < 0 ? who : who.substring(0, colon).strip();
    // "0", "00", ... are all UID 0.
    return who.isEmpty() || who.equals("root") || who.chars().allMatch(c -> c == '0');
  }

  /**
   * A container's state.
   *
   * @param status e.g. {@code created}, {@code running}, {@code exited}
   * @param running whether it runs
   * @param pid its main process on the host; 0 if not running
   * @param health the health check status ({@code State.Health.Status}: {@code starting}, {@code
   *     healthy}, {@code unhealthy}); empty when no health check runs
   */
  public record State(String status, boolean running, int pid, String health) {
    /** Rejects a null status and a negative PID. */
    public State {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(health, "health");
      if (pid < 0) {
        throw new IllegalArgumentException("negative container PID: " + pid);
      }
    }

    /** A state without a health check. */
    public State(String status, boolean running, int pid) {
      this(status, running, pid, "");
    }
  }

  /**
   * A mount as the container sees it.
   *
   * @param type {@code bind}, {@code volume}, {@code tmpfs} or {@code npipe}
   * @param source the host path (or volume path)
   * @param destination the path in the container
   * @param mode the mode string as given, e.g. {@code ro} or {@code z}
   * @param rw whether it is writable
   * @param propagation bind propagation, e.g. {@code rslave}, {@code shared}; empty if not a bind
   */
  public record Mount(
      String type, String source, String destination, String mode, boolean rw, String propagation) {
    /** Rejects nulls. */
    public Mount {
      for (String text : new String[] {type, source, destination, mode, propagation}) {
        Objects.requireNonNull(text, "Mount text fields must not be null");
      }
    }
  }
}
