package dev.drydock.oci;

import java.nio.file.Path;

/**
 * Exports an image from a Docker engine as a {@code docker save} archive. The seam lets the daemon
 * reader use drydock's own socket client or, later, drydock-engine's.
 */
@FunctionalInterface
public interface ImageArchiveSource {
  /**
   * Writes the archive of one image to a file.
   *
   * @param image an image name, tag or ID as the engine understands it
   * @param target the file to write (created or replaced)
   * @throws OciException when the engine refuses or the export fails or exceeds its cap
   */
  void export(String image, Path target) throws OciException;
}
