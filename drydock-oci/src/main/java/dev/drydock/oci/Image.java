package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image opened from an {@link ImageSource}: its manifest, config and layers, with every blob
 * read verified against its digest. Close it to release the source's work files.
 */
public final class Image implements AutoCloseable {
  private final String source;
  private final @Nullable ImageIndex index;
  private final ImageManifest manifest;
  private final @Nullable Digest manifestDigest;
  private final ImageConfig config;
  private final Digest configDigest;
  private final List<Layer> layers;
  private final BlobStore store;
  private final Closeable cleanup;

  Image(
      String source,
      @Nullable ImageIndex index,
      ImageManifest manifest,
      @Nullable Digest manifestDigest,
      ImageConfig config,
      BlobStore store,
      Closeable cleanup)
      throws MalformedContentException {
    this.source = source;
    this.index = index;
    this.manifest = manifest;
    this.manifestDigest = manifestDigest;
    this.config = config;
    this.configDigest = manifest.config().digest();
    this.store = store;
    this.cleanup = cleanup;
    if (manifest.layers().size() != config.diffIds().size()) {
      throw new MalformedContentException(
          source
              + ": the manifest lists "
              + manifest.layers().size()
              + " layers but the config has "
              + config.diffIds().size()
              + " diff_ids");
    }
    List<Layer> list = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      list.add(new Layer(i, manifest.layers().get(i), config.diffIds().get(i)));
    }
    this.layers = List.copyOf(list);
  }

  /** {@return where the image came from, for messages} */
  public String source() {
    return source;
  }

  /** {@return the index the manifest was chosen from, or null when there was none} */
  public @Nullable ImageIndex index() {
    return index;
  }

  /** {@return the image manifest} */
  public ImageManifest manifest() {
    return manifest;
  }

  /**
   * {@return the digest of the manifest bytes as the source stores them, or null for a legacy
   * {@code docker save} archive, which holds no manifest (one is synthesised)}
   */
  public @Nullable Digest manifestDigest() {
    return manifestDigest;
  }

  /** {@return the image config} */
  public ImageConfig config() {
    return config;
  }

  /** {@return the config digest: the image ID} */
  public Digest configDigest() {
    return configDigest;
  }

  /** {@return the layers, base first, each with its diffID} */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * Opens a blob of this image. The stream verifies digest and size as it is read: at its end, or
   * when it grows past the declared size, it throws an {@link IOException} whose cause is a {@link
   * DigestMismatchException}.
   */
  public InputStream openBlob(Descriptor blob) throws OciException {
    Objects.requireNonNull(blob, "blob");
    try {
      return new VerifyingInputStream(
          store.open(blob), blob.digest(), blob.size(), blob.digest() + " from " + source);
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Opening blob " + blob.digest() + " from " + source);
    }
  }

  /** {@return the verified stream of a layer's blob (possibly compressed)} */
  public InputStream openLayer(Layer layer) throws OciException {
    return openBlob(layer.blob());
  }

  @Override
  public void close() throws OciException {
    try {
      cleanup.close();
    } catch (IOException e) {
      throw new OciException("Removing the work files of " + source + " failed: " + e, e);
    }
  }
}
