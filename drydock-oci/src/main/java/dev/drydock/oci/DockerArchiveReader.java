package dev.drydock.oci;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code docker save} archives, plain or gzip-compressed: the legacy layout ({@code
 * manifest.json}, {@code <id>.json} configs, {@code <id>/layer.tar}) and the OCI layout that Docker
 * 25 and later write into the same tar ({@code oci-layout}, {@code index.json}, {@code blobs/}). A
 * compressed archive is first decompressed into the work directory (within the limits); members are
 * then read in place. A reference is a {@code RepoTags} entry (normalised like Docker, so {@code
 * busybox} matches {@code busybox:latest}), or null for the only image.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/image/tarexport/save.go">moby save</a>
 */
public final class DockerArchiveReader implements ImageSource {
  private final Path archive;
  private final Path workDir;
  private final ArchiveLimits limits;
  private final Platform platform;

  /**
   * @param archive the archive file
   * @param workDir where a compressed archive is decompressed (a temporary file, removed on close)
   * @param limits size caps
   * @param platform the platform to pick from a multi-platform OCI archive
   */
  public DockerArchiveReader(Path archive, Path workDir, ArchiveLimits limits, Platform platform) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  @Override
  public Image open(@Nullable String reference) throws OciException {
    return open(reference, () -> {});
  }

  /** Opens with an extra cleanup run on close (the daemon reader's exported file). */
  Image open(@Nullable String reference, Closeable onClose) throws OciException {
    String source = "docker archive " + archive;
    Path tar = archive;
    Path temp = null;
    try {
      if (isCompressed(archive)) {
        temp = Files.createTempFile(workDir, "docker-archive-", ".tar");
        gunzip(archive, temp, source);
        tar = temp;
      }
      Path tempFinal = temp;
      Closeable cleanup =
          () -> {
            try {
              if (tempFinal != null) {
                Files.deleteIfExists(tempFinal);
              }
            } finally {
              onClose.close();
            }
          };
      TarIndex index = TarIndex.build(tar, source, limits);
      BlobStore ociStore =
          d -> index.open("blobs/" + d.digest().algorithm() + "/" + d.digest().hex());
      if (index.has("index.json") && index.has("oci-layout")) {
        ImageIndex top = ImageIndex.parse(index.readSmall("index.json"));
        Descriptor target = Images.select(top, reference, source);
        return Images.open(source, ociStore, top, target, platform, cleanup);
      }
      return legacy(index, reference, source, cleanup);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw OciIOException.unwrap(e, "Reading " + source);
    } catch (OciException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  private Image legacy(TarIndex index, @Nullable String reference, String source, Closeable cleanup)
      throws OciException {
    if (!index.has("manifest.json")) {
      throw new MalformedContentException(
          source + " has neither manifest.json nor index.json: it is not a docker save archive");
    }
    List<DockerArchiveManifest> entries =
        DockerArchiveManifest.parse(index.readSmall("manifest.json"));
    DockerArchiveManifest entry = choose(entries, reference, source);
    byte[] configBytes = index.readSmall(entry.config());
    Digest configDigest = Images.sha256(configBytes);
    String expectedHex = Path.of(entry.config()).getFileName().toString().replace(".json", "");
    if (expectedHex.matches("[0-9a-f]{64}") && !expectedHex.equals(configDigest.hex())) {
      throw new DigestMismatchException(
          "config " + entry.config() + " of " + source,
          new Digest("sha256", expectedHex),
          configDigest);
    }
    ImageConfig config = ImageConfig.parse(configBytes);
    if (config.diffIds().size() != entry.layers().size()) {
      throw new MalformedContentException(
          source
              + ": manifest.json lists "
              + entry.layers().size()
              + " layers but the config has "
              + config.diffIds().size()
              + " diff_ids");
    }
    List<Descriptor> layers = new ArrayList<>();
    Map<Digest, String> members = new java.util.HashMap<>();
    for (int i = 0; i < entry.layers().size(); i++) {
      String member = entry.layers().get(i);
      Digest diffId = config.diffIds().get(i);
      // A legacy archive's layer.tar is the uncompressed layer, so its digest is the diffID.
      layers.add(Descriptor.of(MediaTypes.DOCKER_LAYER_TAR, diffId, index.size(member)));
      members.put(diffId, member);
    }
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.DOCKER_MANIFEST,
            null,
            Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length),
            layers,
            null,
            Map.of());
    BlobStore store =
        d -> {
          if (d.digest().equals(configDigest)) {
            return new java.io.ByteArrayInputStream(configBytes);
          }
          String member = members.get(d.digest());
          if (member == null) {
            throw new MalformedContentException(source + " has no blob " + d.digest());
          }
          return index.open(member);
        };
    return new Image(source, null, manifest, null, config, store, cleanup);
  }

  private static DockerArchiveManifest choose(
      List<DockerArchiveManifest> entries, @Nullable String reference, String source)
      throws OciException {
    if (reference == null) {
      if (entries.size() != 1) {
        throw new OciException(source + " holds " + entries.size() + " images; name one by tag");
      }
      return entries.getFirst();
    }
    String wanted = normalise(reference);
    for (DockerArchiveManifest e : entries) {
      for (String tag : e.repoTags()) {
        if (tag.equals(reference) || normalise(tag).equals(wanted)) {
          return e;
        }
      }
    }
    throw new OciException(source + " has no image tagged '" + reference + "'");
  }

  private static String normalise(String reference) {
    try {
      return ImageRef.parse(reference).toString();
    } catch (InvalidValueException e) {
      return reference;
    }
  }

  /**
   * True for an archive compressed as a whole: gzip ({@code 1f 8b}) or zstd ({@code 28 b5 2f fd}).
   */
  private static boolean isCompressed(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] m = in.readNBytes(4);
      boolean gzip = m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
      boolean zstd =
          m.length == 4
              && (m[0] & 0xff) == 0x28
              && (m[1] & 0xff) == 0xb5
              && (m[2] & 0xff) == 0x2f
              && (m[3] & 0xff) == 0xfd;
      return gzip || zstd;
    }
  }

  private void gunzip(Path from, Path to, String source) throws IOException, OciException {
    Budget budget = new Budget(limits, source);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(from));
        InputStream in = LayerStreams.uncompressed(raw, source, budget);
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    }
  }

  private static void deleteQuietly(@Nullable Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // Reporting the original failure matters more.
      }
    }
  }
}
