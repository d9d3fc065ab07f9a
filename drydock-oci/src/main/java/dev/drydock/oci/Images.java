package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Resolves an image from an index and a blob store: shared by layouts, archives, registries. */
final class Images {
  private Images() {}

  /** Reads a small JSON blob (manifest, index, config) fully, verified, within the size cap. */
  static byte[] readSmall(BlobStore store, Descriptor d, String what) throws OciException {
    if (d.size() > Codecs.MAX_DOCUMENT_BYTES) {
      throw new MalformedContentException(
          what
              + " "
              + d.digest()
              + " is "
              + d.size()
              + " bytes, over the limit of "
              + Codecs.MAX_DOCUMENT_BYTES);
    }
    try (InputStream in =
        new VerifyingInputStream(store.open(d), d.digest(), d.size(), what + " " + d.digest())) {
      byte[] bytes = in.readNBytes(Codecs.MAX_DOCUMENT_BYTES + 1);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return bytes;
    } catch (IOException e) {
      throw OciIOException.unwrap(e, "Reading " + what + " " + d.digest());
    }
  }

  /** Picks the index entry a reference names (by ref-name annotation) or the only one. */
  static Descriptor select(ImageIndex index, @Nullable String reference, String source)
      throws OciException {
    if (reference == null) {
      if (index.manifests().size() != 1) {
        throw new OciException(
            source
                + " holds "
                + index.manifests().size()
                + " images; name one (its org.opencontainers.image.ref.name)");
      }
      return index.manifests().getFirst();
    }
    for (Descriptor d : index.manifests()) {
      String name = d.annotations().get("org.opencontainers.image.ref.name");
      String full = d.annotations().get("io.containerd.image.name");
      if (reference.equals(name)
          || reference.equals(full)
          || reference.equals(d.digest().toString())) {
        return d;
      }
    }
    throw new OciException(source + " has no image named '" + reference + "'");
  }

  /**
   * Opens the image a descriptor names, following one level of index to the platform's manifest.
   */
  static Image open(
      String source,
      BlobStore store,
      @Nullable ImageIndex index,
      Descriptor target,
      Platform platform,
      Closeable cleanup)
      throws OciException {
    Descriptor current = target;
    ImageIndex chosenFrom = index;
    for (int depth = 0; MediaTypes.isIndex(current.mediaType()); depth++) {
      if (depth >= 2) {
        throw new MalformedContentException(source + ": indexes nest more than 2 deep");
      }
      ImageIndex nested = ImageIndex.parse(readSmall(store, current, "index"));
      chosenFrom = nested;
      Descriptor found = nested.find(platform).orElse(null);
      if (found == null) {
        throw new OciException(
            source
                + " has no image for platform "
                + platform
                + "; it offers "
                + nested.manifests().stream().map(d -> String.valueOf(d.platform())).toList());
      }
      current = found;
    }
    if (!MediaTypes.isManifest(current.mediaType())) {
      throw new MalformedContentException(
          source
              + ": "
              + current.digest()
              + " has media type "
              + current.mediaType()
              + ", not an image manifest");
    }
    byte[] manifestBytes = readSmall(store, current, "manifest");
    ImageManifest manifest = ImageManifest.parse(manifestBytes);
    ImageConfig config = ImageConfig.parse(readSmall(store, manifest.config(), "config"));
    return new Image(source, chosenFrom, manifest, current.digest(), config, store, cleanup);
  }

  static Digest sha256(byte[] bytes) {
    java.security.MessageDigest md = VerifyingInputStream.newDigest("sha256");
    md.update(bytes);
    return VerifyingInputStream.digestOf(md, "sha256");
  }

  static void closeQuietly(@Nullable Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Best effort while another failure is being reported.
      }
    }
  }
}
