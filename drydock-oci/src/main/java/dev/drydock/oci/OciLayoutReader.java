package dev.drydock.oci;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code
 * blobs/<alg>/<hex>}), as {@code skopeo copy ... oci:DIR} writes. A reference is the {@code
 * org.opencontainers.image.ref.name} annotation of an {@code index.json} entry, or null for the
 * only one. Blobs must be regular files inside the layout (symlinks are not followed).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image
 *     layout</a>
 */
public final class OciLayoutReader implements ImageSource {
  private final Path dir;
  private final Platform platform;

  /**
   * @param dir the layout directory
   * @param platform the platform to pick from a multi-platform index
   */
  public OciLayoutReader(Path dir, Platform platform) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  @Override
  public Image open(@Nullable String reference) throws OciException {
    String source = "OCI layout " + dir;
    Path layoutFile = dir.resolve("oci-layout");
    try {
      if (!Files.isRegularFile(layoutFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new MalformedContentException(source + " has no oci-layout file: not an OCI layout");
      }
      String version =
          Codecs.text(
              Codecs.parseObject(Files.readAllBytes(layoutFile), "oci-layout"),
              "imageLayoutVersion",
              "oci-layout");
      if (!version.startsWith("1.")) {
        throw new MalformedContentException(
            source + " has imageLayoutVersion " + version + "; only 1.x is supported");
      }
      Path indexFile = dir.resolve("index.json");
      if (Files.size(indexFile) > Codecs.MAX_DOCUMENT_BYTES) {
        throw new MalformedContentException(source + ": index.json is too large");
      }
      ImageIndex index = ImageIndex.parse(Files.readAllBytes(indexFile));
      Descriptor target = Images.select(index, reference, source);
      BlobStore store = d -> openBlob(d, source);
      return Images.open(source, store, index, target, platform, () -> {});
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Reading " + source);
    }
  }

  private InputStream openBlob(Descriptor d, String source) throws IOException, OciException {
    Path blob = dir.resolve("blobs").resolve(d.digest().algorithm()).resolve(d.digest().hex());
    if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
      throw new MalformedContentException(source + " lacks blob " + d.digest());
    }
    return new BufferedInputStream(
        Files.newInputStream(blob, LinkOption.NOFOLLOW_LINKS), 64 * 1024);
  }
}
