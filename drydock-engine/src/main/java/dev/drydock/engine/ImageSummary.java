package dev.drydock.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image from {@code GET /images/json}.
 *
 * @param id the image ID, e.g. {@code sha256:...}
 * @param repoTags its tags, e.g. {@code debian:12}; empty for a dangling image
 * @param repoDigests its registry digests, e.g. {@code debian@sha256:...}; empty if never pushed or
 *     pulled
 * @param created when the image was built (second precision)
 * @param size its size in bytes
 * @param labels its labels
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageList">ImageList</a>
 */
public record ImageSummary(
    String id,
    List<String> repoTags,
    List<String> repoDigests,
    Instant created,
    long size,
    Map<String, String> labels) {

  /** Copies the collections and rejects nulls. */
  public ImageSummary {
    Objects.requireNonNull(id, "id");
    repoTags = List.copyOf(repoTags);
    repoDigests = List.copyOf(repoDigests);
    Objects.requireNonNull(created, "created");
    labels = Map.copyOf(labels);
  }
}
