package dev.drydock.pkg;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of comparing installed packages with the local package indices.
 *
 * @param supported false when drydock cannot yet work out upgrades for this package format (rpm)
 * @param note why not, or what limited the result (no indices: run {@code apt-get update}); empty
 *     when nothing did
 * @param indices the index files that were read
 * @param upgrades the pending upgrades, in installed-package order
 */
public record UpgradeCheck(
    boolean supported, String note, List<Path> indices, List<PendingUpgrade> upgrades) {

  /** Copies the lists. */
  public UpgradeCheck {
    Objects.requireNonNull(note, "note");
    indices = List.copyOf(indices);
    upgrades = List.copyOf(upgrades);
  }
}
