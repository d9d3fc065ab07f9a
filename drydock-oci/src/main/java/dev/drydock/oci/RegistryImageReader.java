package dev.drydock.oci;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads images from a registry through a {@link RegistryClient}. A reference is an image reference
 * on the client's registry, e.g. {@code 127.0.0.1:5000/team/app:1}; an index is resolved to the
 * reader's platform. Blobs stream from the registry as they are read.
 */
public final class RegistryImageReader implements ImageSource {
  private final RegistryClient client;
  private final Platform platform;

  /**
   * @param client the client for the registry
   * @param platform the platform to pick from an index
   */
  public RegistryImageReader(RegistryClient client, Platform platform) {
    this.client = Objects.requireNonNull(client, "client");
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  @Override
  public Image open(@Nullable String reference) throws OciException {
    if (reference == null) {
      throw new OciException("Name the image to read from the registry");
    }
    ImageRef ref;
    try {
      ref = ImageRef.parse(reference);
    } catch (InvalidValueException e) {
      throw new OciException(String.valueOf(e.getMessage()), e);
    }
    RegistryClient.Manifest top = client.manifest(ref);
    Map<Digest, byte[]> fetched = new ConcurrentHashMap<>();
    fetched.put(top.digest(), top.bytes());
    BlobStore store =
        d -> {
          byte[] cached = fetched.get(d.digest());
          if (cached != null) {
            return new ByteArrayInputStream(cached);
          }
          if (MediaTypes.isIndex(d.mediaType()) || MediaTypes.isManifest(d.mediaType())) {
            return new ByteArrayInputStream(client.manifest(ref.withDigest(d.digest())).bytes());
          }
          return client.blob(ref, d.digest());
        };
    Descriptor target = Descriptor.of(top.mediaType(), top.digest(), top.bytes().length);
    return Images.open("registry image " + ref, store, null, target, platform, () -> {});
  }
}
