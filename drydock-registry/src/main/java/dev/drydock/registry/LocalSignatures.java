package dev.drydock.registry;

import dev.drydock.model.Digest;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MalformedContentException;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import dev.drydock.trust.ImageSignature;
import dev.drydock.trust.RegistrySignatureStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the cosign signatures of a digest from the registry's own stores, where {@code drydock
 * sign} (and cosign, sigstore-js) pushed them: bundle referrers (OCI 1.1 {@code subject}) and the
 * legacy {@code sha256-<hex>.sig} tag, as {@link RegistrySignatureStore} writes them, without going
 * through HTTP. Entries that cannot be read are skipped (anyone with push rights can add junk,
 * which must not hide real signatures); reading is capped in count and size.
 */
final class LocalSignatures {
  /** At most this many signatures of each kind are read per digest. */
  static final int MAX_PER_KIND = 64;

  /** A signature document larger than this is skipped (real ones are a few KiB). */
  static final int MAX_SIGNATURE_BYTES = 256 * 1024;

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final ManifestGraph graph;

  LocalSignatures(BlobStorage blobs, MetadataStore metadata, ManifestGraph graph) {
    this.blobs = blobs;
    this.metadata = metadata;
    this.graph = graph;
  }

  /** {@return the signatures attached to {@code digest} in {@code repository}} */
  List<ImageSignature> read(String repository, Digest digest) throws RegistryException {
    List<ImageSignature> out = new ArrayList<>();
    Digest sigTag = metadata.resolveTag(repository, RegistrySignatureStore.signatureTag(digest));
    if (sigTag != null) {
      ImageManifest manifest = manifest(sigTag);
      if (manifest != null) {
        int taken = 0;
        for (Descriptor layer : manifest.layers()) {
          String signature = layer.annotations().get(ImageSignature.COSIGN_SIGNATURE_ANNOTATION);
          if (!layer.mediaType().equals(RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE)
              || signature == null
              || taken == MAX_PER_KIND) {
            continue;
          }
          byte[] payload = blob(layer);
          if (payload != null) {
            out.add(ImageSignature.cosignSimpleSigning(payload, signature));
            taken++;
          }
        }
      }
    }
    int bundles = 0;
    for (ManifestRecord referrer : metadata.referrers(repository, digest)) {
      if (bundles == MAX_PER_KIND) {
        break;
      }
      if (!RegistrySignatureStore.BUNDLE_MEDIA_TYPE.equals(referrer.artifactType())) {
        continue;
      }
      ImageManifest manifest = manifest(referrer.digest());
      if (manifest == null
          || manifest.subject() == null
          || !manifest.subject().digest().equals(digest)) {
        continue;
      }
      for (Descriptor layer : manifest.layers()) {
        if (layer.mediaType().equals(RegistrySignatureStore.BUNDLE_MEDIA_TYPE)) {
          byte[] bundle = blob(layer);
          if (bundle != null) {
            out.add(ImageSignature.cosignBundle(bundle));
            bundles++;
          }
        }
      }
    }
    return out;
  }

  private @Nullable ImageManifest manifest(Digest digest) throws RegistryException {
    try {
      return ImageManifest.parse(graph.bytes(digest));
    } catch (MalformedContentException e) {
      return null;
    }
  }

  /** {@return the blob's bytes, or null when it is missing, too large or does not match} */
  private byte @Nullable [] blob(Descriptor layer) throws RegistryException {
    if (layer.size() > MAX_SIGNATURE_BYTES || blobs.size(layer.digest()) != layer.size()) {
      return null;
    }
    try (InputStream in = blobs.open(layer.digest(), 0)) {
      byte[] bytes = in.readNBytes(MAX_SIGNATURE_BYTES + 1);
      return bytes.length == layer.size() ? bytes : null;
    } catch (IOException e) {
      throw new RegistryException("cannot read signature blob " + layer.digest() + ": " + e, e);
    }
  }
}
