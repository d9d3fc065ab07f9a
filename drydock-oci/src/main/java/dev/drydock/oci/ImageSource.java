package dev.drydock.oci;

import org.jspecify.annotations.Nullable;

/**
 * Something images can be read from: a Docker daemon, a {@code docker save} archive, an OCI layout,
 * a registry. Implementations say what a reference means to them.
 */
public interface ImageSource {
  /**
   * Opens one image.
   *
   * @param reference which image: a tag or name the source understands; null for the only image of
   *     an archive or layout
   * @return the image; close it when done
   * @throws OciException when the image cannot be found, read or verified
   */
  Image open(@Nullable String reference) throws OciException;
}
