package dev.drydock.oci;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Copies an image (a manifest, or an index with its child manifests) from one repository to
 * another, on the same registry or across registries, without changing a byte: the destination
 * digest is the source digest, so signatures over it stay valid (promotion). Blobs the destination
 * has are skipped; on the same registry they are mounted (falling back to an upload when the
 * registry does not mount); across registries they stream through, verified against their digest.
 * Children go first and the top manifest last, so a reader never sees a manifest whose content is
 * missing.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#push">OCI
 *     distribution: push</a>
 */
public final class ImageCopy {
  /** An index inside an index inside an index is as deep as a copy goes. */
  static final int MAX_DEPTH = 3;

  private final RegistryClientFactory clients;

  /**
   * What a copy did.
   *
   * @param digest the digest of the top manifest in the destination (equal to the source's)
   * @param manifests manifests and indexes pushed, the top one included
   * @param blobsUploaded blobs streamed from the source
   * @param blobsMounted blobs mounted from the source repository
   * @param blobsPresent blobs the destination had already
   * @param bytesUploaded bytes of the uploaded blobs
   */
  public record Result(
      Digest digest,
      int manifests,
      int blobsUploaded,
      int blobsMounted,
      int blobsPresent,
      long bytesUploaded) {
    /** Validates. */
    public Result {
      Objects.requireNonNull(digest, "digest");
    }
  }

  /**
   * @param clients the client for each registry (credentials and TLS per host)
   */
  public ImageCopy(RegistryClientFactory clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /**
   * Copies {@code source} (by tag or digest) to {@code destination}. A destination tag is set on
   * the copy; a destination digest must be the source's; children are pushed by digest.
   *
   * @throws DigestMismatchException when content does not match its digest, or the destination
   *     digest differs from the source's
   * @throws RegistryException when a registry refuses
   */
  public Result copy(ImageRef source, ImageRef destination) throws OciException {
    RegistryClient from = clients.client(source.registry());
    RegistryClient to = clients.client(destination.registry());
    RegistryClient.Manifest top = from.manifest(source.repository(), source.reference());
    if (destination.digest() != null && !destination.digest().equals(top.digest())) {
      throw new DigestMismatchException(
          "copy of " + source + " to " + destination, destination.digest(), top.digest());
    }
    Run run = new Run(source, destination, from, to);
    run.children(top, 0);
    String reference = destination.tag() != null ? destination.tag() : top.digest().toString();
    PushedManifest pushed =
        to.pushManifest(destination.repository(), reference, top.mediaType(), top.bytes());
    if (!pushed.digest().equals(top.digest())) {
      throw new DigestMismatchException(
          "copy of " + source + " to " + destination, top.digest(), pushed.digest());
    }
    return new Result(
        pushed.digest(), run.manifests + 1, run.uploaded, run.mounted, run.present, run.bytes);
  }

  /** The state of one copy. */
  private static final class Run {
    private final ImageRef source;
    private final ImageRef destination;
    private final RegistryClient from;
    private final RegistryClient to;
    private final boolean sameRegistry;
    private final Set<Digest> done = new HashSet<>();
    int manifests;
    int uploaded;
    int mounted;
    int present;
    long bytes;

    Run(ImageRef source, ImageRef destination, RegistryClient from, RegistryClient to) {
      this.source = source;
      this.destination = destination;
      this.from = from;
      this.to = to;
      this.sameRegistry = source.registry().equals(destination.registry());
    }

    /** Copies what {@code manifest} points to (not the manifest itself). */
    void children(RegistryClient.Manifest manifest, int depth) throws OciException {
      if (depth > MAX_DEPTH) {
        throw new MalformedContentException(
            source + " nests indexes deeper than " + MAX_DEPTH + " levels");
      }
      if (MediaTypes.isIndex(manifest.mediaType())) {
        for (Descriptor child : ImageIndex.parse(manifest.bytes()).manifests()) {
          if (!done.add(child.digest())) {
            continue;
          }
          RegistryClient.Manifest m = from.manifest(source.repository(), child.digest().toString());
          children(m, depth + 1);
          to.pushManifest(
              destination.repository(), m.digest().toString(), m.mediaType(), m.bytes());
          manifests++;
        }
        return;
      }
      ImageManifest parsed = ImageManifest.parse(manifest.bytes());
      blob(parsed.config());
      for (Descriptor layer : parsed.layers()) {
        blob(layer);
      }
    }

    private void blob(Descriptor d) throws OciException {
      if (!done.add(d.digest())) {
        return;
      }
      if (d.mediaType().equals(MediaTypes.DOCKER_FOREIGN_LAYER) && !d.urls().isEmpty()) {
        return; // Non-distributable: registries serve it from its urls, not from a repository.
      }
      if (to.blobExists(destination.repository(), d.digest())) {
        present++;
        return;
      }
      BlobContent content =
          () -> {
            try {
              return from.blob(source.repository(), d.digest());
            } catch (OciException e) {
              throw new OciIOException(e);
            }
          };
      if (sameRegistry && to.mountBlob(destination.repository(), d, source.repository(), content)) {
        mounted++;
        return;
      }
      if (!sameRegistry) {
        to.pushBlob(destination.repository(), d, content);
      }
      uploaded++;
      bytes += d.size();
    }
  }
}
