package dev.drydock.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tars root file systems reproducibly and removes build directories safely. */
final class Rootfs {
  private static final Duration TAR_TIMEOUT = Duration.ofMinutes(5);

  private Rootfs() {}

  /**
   * Writes {@code root} as a tar with sorted entries, numeric root ownership kept as is, and a
   * fixed mtime, so the same tree always gives the same bytes (and the same image layer digest).
   * Written to a temporary file and moved into place, so readers never see half a tar.
   */
  static void tar(Path root, Path tar, Commands commands)
      throws IOException, CommandFailedException {
    Path partial = tar.resolveSibling(tar.getFileName() + ".partial");
    commands.run(
        List.of(
            "tar",
            "--create",
            "--file",
            partial.toString(),
            "--directory",
            root.toString(),
            "--sort=name",
            "--numeric-owner",
            "--mtime=@0",
            "--format=gnu",
            "."),
        Map.of(),
        TAR_TIMEOUT);
    Files.move(partial, tar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Removes {@code dir} without crossing into other file systems, so that a mount left inside a
   * chroot (say {@code /proc}) is never descended into.
   */
  static void remove(Path dir, Commands commands) throws CommandFailedException {
    if (Files.exists(dir)) {
      commands.run(
          List.of("rm", "-rf", "--one-file-system", "--", dir.toString()), Map.of(), TAR_TIMEOUT);
    }
  }
}
