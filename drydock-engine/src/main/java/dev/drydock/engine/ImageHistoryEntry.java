package dev.drydock.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of an image's build history, newest first, from {@code GET /images/{name}/history}.
 *
 * @param id the ID of the image this step made, or {@code <missing>} for steps pulled from a
 *     registry
 * @param created when the step ran
 * @param createdBy the Dockerfile instruction as the builder recorded it, e.g. {@code /bin/sh -c
 *     #(nop) ADD file:... in /}; empty for an imported layer
 * @param tags tags pointing at this step's image
 * @param size the bytes the step added
 * @param comment e.g. {@code Imported from -}
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Image/operation/ImageHistory">ImageHistory</a>
 */
public record ImageHistoryEntry(
    String id, Instant created, String createdBy, List<String> tags, long size, String comment) {

  /** Copies the tags and rejects nulls and a negative size. */
  public ImageHistoryEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(createdBy, "createdBy");
    tags = List.copyOf(tags);
    if (size < 0) {
      throw new IllegalArgumentException("negative layer size in image history: " + size);
    }
    Objects.requireNonNull(comment, "comment");
  }
}
