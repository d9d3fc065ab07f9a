package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.util.Objects;

/**
 * One layer of an image.
 *
 * @param index the position, 0 for the base layer
 * @param blob the (possibly compressed) blob as the manifest describes it
 * @param diffId the digest of the uncompressed tar, from the config's {@code rootfs.diff_ids}
 */
public record Layer(int index, Descriptor blob, Digest diffId) {
  /** Validates. */
  public Layer {
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(diffId, "diffId");
    if (index < 0) {
      throw new IllegalArgumentException("layer index must not be negative");
    }
  }
}
