package dev.drydock.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /images/{name}/json} tells a security audit about one image. Environment values
 * may hold secrets, so only the variable names are kept.
 *
 * @param id the image ID, e.g. {@code sha256:...}
 * @param repoTags its tags
 * @param repoDigests its registry digests
 * @param created when it was built
 * @param user the default user ({@code Config.User}); empty means root
 * @param healthcheck whether it defines a health check (one that is not {@code NONE})
 * @param exposedPorts its exposed ports, e.g. {@code 8080/tcp}
 * @param envNames the names of its environment variables, never their values
 * @param labels its labels
 * @param layers the digests of its root file system layers, bottom first
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageInspect">ImageInspect</a>
 */
public record ImageDetails(
    String id,
    List<String> repoTags,
    List<String> repoDigests,
    Instant created,
    String user,
    boolean healthcheck,
    List<String> exposedPorts,
    List<String> envNames,
    Map<String, String> labels,
    List<String> layers,
    String os,
    String architecture) {

  /** Copies the collections and rejects nulls. */
  public ImageDetails {
    Objects.requireNonNull(id, "id");
    repoTags = List.copyOf(repoTags);
    repoDigests = List.copyOf(repoDigests);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(user, "user");
    exposedPorts = List.copyOf(exposedPorts);
    envNames = List.copyOf(envNames);
    labels = Map.copyOf(labels);
    layers = List.copyOf(layers);
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
  }

  /** {@return whether the image runs as root by default: no user, {@code root} or UID 0} */
  public boolean runsAsRoot() {
    return ContainerDetails.isRootUser(user);
  }
}
