package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file of an image's flattened file system, with the layer that last wrote it.
 *
 * @param path absolute path inside the image, e.g. {@code /var/lib/dpkg/status}
 * @param type the kind of file
 * @param mode permission bits (including set-id and sticky bits), as stored
 * @param size content bytes of a regular file or hard link, else 0
 * @param linkTarget a symlink's target as stored, or a hard link's target path, else null
 * @param uid owner
 * @param gid group
 * @param diffId the diffID of the layer that last wrote this file
 * @param layerIndex that layer's position, 0 for the base
 */
public record FileEntry(
    String path,
    FileType type,
    int mode,
    long size,
    @Nullable String linkTarget,
    long uid,
    long gid,
    Digest diffId,
    int layerIndex) {

  /** Validates. */
  public FileEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(diffId, "diffId");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("file entry paths are absolute: " + path);
    }
  }
}
