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
 * through HTTP.
 *
 * <p>Anyone with push rights can add junk referrers or layers, which must neither hide a real
 * signature nor make the gate read without end. So signatures are handed to a {@link Visitor} one
 * at a time and reading stops at the first the visitor accepts (one that verifies), and every entry
 * examined counts toward {@link #MAX_EXAMINED} per kind, whether it parses, has the bundle artifact
 * type, or yields a signature at all. A real signature stays found as long as fewer than {@link
 * #MAX_EXAMINED} entries come before it; beyond that the gate refuses (fails closed), and an
 * administrator deletes the junk.
 */
final class LocalSignatures {
  /**
   * At most this many entries of each kind (referrers of the digest, layers of its {@code .sig}
   * manifest) are examined per digest.
   */
  static final int MAX_EXAMINED = 256;

  /** A signature document larger than this is skipped (real ones are a few KiB). */
  static final int MAX_SIGNATURE_BYTES = 256 * 1024;

  /** Judges each signature found; reading stops at the first it accepts. */
  @FunctionalInterface
  interface Visitor {
    /** {@return whether the signature settles the question (reading stops)} */
    boolean accept(ImageSignature signature) throws RegistryException;
  }

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final ManifestGraph graph;

  LocalSignatures(BlobStorage blobs, MetadataStore metadata, ManifestGraph graph) {
    this.blobs = blobs;
    this.metadata = metadata;
    this.graph = graph;
  }

  /** {@return the signatures attached to {@code digest} in {@code repository}, within the bound} */
  List<ImageSignature> read(String repository, Digest digest) throws RegistryException {
    List<ImageSignature> out = new ArrayList<>();
    visit(repository, digest, s -> !out.add(s));
    return out;
  }

  /**
   * Hands the signatures attached to {@code digest} to {@code visitor}, legacy {@code .sig} layers
   * first, then bundle referrers, until it accepts one.
   *
   * @return whether the visitor accepted one
   */
  boolean visit(String repository, Digest digest, Visitor visitor) throws RegistryException {
    Digest sigTag = metadata.resolveTag(repository, RegistrySignatureStore.signatureTag(digest));
    if (sigTag != null) {
      ImageManifest manifest = manifest(sigTag);
      if (manifest != null) {
        int examined = 0;
        for (Descriptor layer : manifest.layers()) {
          if (examined++ == MAX_EXAMINED) {
            break;
          }
          String signature = layer.annotations().get(ImageSignature.COSIGN_SIGNATURE_ANNOTATION);
          if (!layer.mediaType().equals(RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE)
              || signature == null) {
            continue;
          }
          byte[] payload = blob(layer);
          if (payload != null
              && visitor.accept(ImageSignature.cosignSimpleSigning(payload, signature))) {
            return true;
          }
        }
      }
    }
    int examined = 0;
    for (ManifestRecord referrer : metadata.referrers(repository, digest)) {
      if (examined++ == MAX_EXAMINED) {
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
          if (bundle != null && visitor.accept(ImageSignature.cosignBundle(bundle))) {
            return true;
          }
          // one bundle per referrer, as RegistrySignatureStore writes them
          break;
        }
      }
    }
    return false;
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
