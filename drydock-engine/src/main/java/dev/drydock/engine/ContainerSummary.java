package dev.drydock.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One container from {@code GET /containers/json}.
 *
 * @param id the full container ID
 * @param names its names, each with the daemon's leading {@code /}, e.g. {@code /web}
 * @param image the image as the container was created from it (a name or an ID)
 * @param imageId the image ID, e.g. {@code sha256:...}
 * @param state e.g. {@code created}, {@code running}, {@code exited}
 * @param status the human-readable status, e.g. {@code Up 2 hours}
 * @param created when it was created (second precision)
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerList">ContainerList</a>
 */
public record ContainerSummary(
    String id,
    List<String> names,
    String image,
    String imageId,
    String state,
    String status,
    Instant created) {

  /** Copies the names and rejects nulls. */
  public ContainerSummary {
    Objects.requireNonNull(id, "id");
    names = List.copyOf(names);
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
  }

  /** {@return the first name without its leading {@code /}, or the ID if it has no name} */
  public String name() {
    return names.isEmpty() ? id : ContainerDetails.stripSlash(names.getFirst());
  }
}
