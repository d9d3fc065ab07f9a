package dev.drydock.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads an image from a Docker engine: the engine exports it ({@code GET /images/{name}/get}) into
 * a temporary file in the work directory, streamed and never held in memory, which is then read as
 * a {@code docker save} archive and removed when the image is closed.
 */
public final class DaemonImageReader implements ImageSource {
  private final ImageArchiveSource engine;
  private final Path workDir;
  private final ArchiveLimits limits;
  private final Platform platform;

  /**
   * @param engine how to export from the engine, e.g. {@link DockerSocketArchiveSource}
   * @param workDir where the exported archive is written
   * @param limits size caps for reading the archive
   * @param platform the platform to pick from a multi-platform export
   */
  public DaemonImageReader(
      ImageArchiveSource engine, Path workDir, ArchiveLimits limits, Platform platform) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /**
   * Exports and opens an image.
   *
   * @param reference the image name, tag or ID; required
   */
  @Override
  public Image open(@Nullable String reference) throws OciException {
    if (reference == null) {
      throw new OciException("Name the image to read from the Docker engine");
    }
    Path file;
    try {
      Files.createDirectories(workDir);
      file = Files.createTempFile(workDir, "daemon-export-", ".tar");
    } catch (IOException e) {
      throw new OciException("Cannot create a work file in " + workDir + ": " + e, e);
    }
    try {
      engine.export(reference, file);
      Path exported = file;
      // Names in the archive are the engine's; select by the only image rather than by reference.
      return new DockerArchiveReader(file, workDir, limits, platform)
          .open(null, () -> Files.deleteIfExists(exported));
    } catch (OciException | RuntimeException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The export failure is what matters.
      }
      throw e;
    }
  }
}
