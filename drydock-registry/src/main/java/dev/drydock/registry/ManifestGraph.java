package dev.drydock.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MalformedContentException;
import dev.drydock.oci.MediaTypes;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads stored manifests back (from the {@link BlobStorage}, where a push put their exact bytes)
 * and remembers what each references: an index's children, an image's blobs. Content is addressed
 * by digest, so a parsed manifest never changes and the cache needs no invalidation; it is bounded
 * (least recently used entries leave first).
 */
final class ManifestGraph {
  /** How many parsed manifests are kept. */
  static final int CACHE_ENTRIES = 4096;

  /** Layer media types of signature and attestation artifacts (cosign, sigstore, in-toto). */
  private static final Set<String> ATTACHMENT_LAYERS =
      Set.of(
          "application/vnd.dev.cosign.simplesigning.v1+json",
          "application/vnd.dev.sigstore.bundle.v0.3+json",
          "application/vnd.dsse.envelope.v1+json",
          "application/vnd.in-toto+json");

  /** Config media types of runnable images (as {@code ScanService} judges them). */
  private static final Set<String> IMAGE_CONFIGS =
      Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG);

  /** Layer media types a runtime unpacks, beyond the OCI and docker prefixes. */
  private static final Set<String> IMAGE_LAYERS =
      Set.of(
          MediaTypes.OCI_LAYER,
          MediaTypes.OCI_LAYER_GZIP,
          MediaTypes.OCI_LAYER_ZSTD,
          MediaTypes.DOCKER_LAYER,
          MediaTypes.DOCKER_LAYER_TAR,
          MediaTypes.DOCKER_FOREIGN_LAYER);

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final int maxManifestBytes;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Digest, ManifestInfo> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, ManifestInfo> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  ManifestGraph(BlobStorage blobs, MetadataStore metadata, int maxManifestBytes) {
    this.blobs = blobs;
    this.metadata = metadata;
    this.maxManifestBytes = maxManifestBytes;
  }

  /** {@return the parsed manifest {@code digest} of {@code repository}, or null if not held} */
  @Nullable ManifestInfo info(String repository, Digest digest) throws RegistryException {
    synchronized (cache) {
      ManifestInfo cached = cache.get(digest);
      if (cached != null) {
        return cached;
      }
    }
    ManifestRecord record = metadata.manifest(repository, digest);
    if (record == null) {
      return null;
    }
    byte[] body = bytes(digest);
    ManifestInfo info;
    try {
      info = ManifestInfo.parse(json, body, record.mediaType());
    } catch (DistributionException e) {
      throw new RegistryException(
          "stored manifest "
              + digest
              + " of "
              + repository
              + " no longer parses: "
              + e.getMessage(),
          e);
    }
    synchronized (cache) {
      cache.put(digest, info);
    }
    return info;
  }

  /** {@return the exact stored bytes of a manifest, at most the configured manifest size} */
  byte[] bytes(Digest digest) throws RegistryException {
    try (InputStream in = blobs.open(digest, 0)) {
      return in.readNBytes(maxManifestBytes);
    } catch (IOException e) {
      throw new RegistryException("cannot read stored manifest " + digest + ": " + e, e);
    }
  }

  /**
   * {@return the indexes of {@code repository} that list {@code child}} Found by reading every
   * index of the repository (cached), so the cost grows with the repository's manifests; the
   * repository is the scope because docker pulls the platform manifest from the repository where it
   * pulled the index.
   */
  List<Digest> parents(String repository, Digest child) throws RegistryException {
    List<Digest> out = new ArrayList<>();
    for (Digest candidate : metadata.manifests(repository)) {
      if (candidate.equals(child)) {
        continue;
      }
      ManifestRecord record = metadata.manifest(repository, candidate);
      if (record == null || !ManifestInfo.INDEX_TYPES.contains(record.mediaType())) {
        continue;
      }
      ManifestInfo info = info(repository, candidate);
      if (info != null && info.manifests().contains(child)) {
        out.add(candidate);
      }
    }
    return out;
  }

  /**
   * {@return whether a manifest is a signature or attestation rather than a runnable image} Gates
   * do not apply to these: clients must read them to verify, and they are checked cryptographically
   * by whoever reads them. A {@code subject} field alone proves nothing (docker ignores it, so an
   * image re-pushed with one still runs), so the decision rests on what a runtime would do with the
   * manifest:
   *
   * <ul>
   *   <li>an index is never exempt (docker follows it to runnable children);
   *   <li>a manifest with any image layer media type (tar, tar+gzip, tar+zstd, docker rootfs diff,
   *       foreign or non-distributable layers) is never exempt;
   *   <li>otherwise a manifest whose config is not an image config (OCI 1.1 artifacts: cosign
   *       bundles, SBOMs, the empty config) is exempt;
   *   <li>a manifest with an image config is exempt only as cosign's legacy {@code .sig} layout: at
   *       least one layer, every layer a signature document type, and every layer's stored content
   *       a JSON object of at most {@link LocalSignatures#MAX_SIGNATURE_BYTES}. docker 20.10
   *       extracts layers whatever their media type says, so the content itself is checked: JSON
   *       admits no NUL or other raw control byte, so such a layer is neither a compressed stream
   *       nor a tar archive with binaries in it.
   * </ul>
   */
  boolean isAttachment(String repository, Digest digest) throws RegistryException {
    ManifestRecord record = metadata.manifest(repository, digest);
    if (record == null || ManifestInfo.INDEX_TYPES.contains(record.mediaType())) {
      return false;
    }
    ImageManifest manifest;
    try {
      manifest = ImageManifest.parse(bytes(digest));
    } catch (MalformedContentException e) {
      return false;
    }
    for (Descriptor layer : manifest.layers()) {
      if (isImageLayer(layer.mediaType())) {
        return false;
      }
    }
    if (!IMAGE_CONFIGS.contains(manifest.config().mediaType())) {
      return true;
    }
    if (manifest.layers().isEmpty()) {
      return false;
    }
    for (Descriptor layer : manifest.layers()) {
      if (!ATTACHMENT_LAYERS.contains(layer.mediaType()) || !isJsonObject(layer)) {
        return false;
      }
    }
    return true;
  }

  /** {@return whether a runtime unpacks a layer of this media type into the root filesystem} */
  static boolean isImageLayer(String mediaType) {
    return mediaType.startsWith("application/vnd.oci.image.layer.")
        || mediaType.startsWith("application/vnd.docker.image.rootfs.")
        || IMAGE_LAYERS.contains(mediaType);
  }

  private boolean isJsonObject(Descriptor layer) throws RegistryException {
    if (layer.size() > LocalSignatures.MAX_SIGNATURE_BYTES
        || blobs.size(layer.digest()) != layer.size()) {
      return false;
    }
    byte[] content;
    try (InputStream in = blobs.open(layer.digest(), 0)) {
      content = in.readNBytes(LocalSignatures.MAX_SIGNATURE_BYTES + 1);
    } catch (IOException e) {
      throw new RegistryException("cannot read layer " + layer.digest() + ": " + e, e);
    }
    try {
      return content.length == layer.size()
          && json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(content)
              instanceof ObjectNode;
    } catch (IOException e) {
      return false;
    }
  }
}
