package dev.drydock.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.oci.Descriptor;
import dev.drydock.oci.ImageManifest;
import dev.drydock.oci.MalformedContentException;
import dev.drydock.oci.MediaTypes;
import dev.drydock.oci.OciException;
import dev.drydock.oci.RegistryClient;
import dev.drydock.oci.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The legacy cosign signature tag {@code sha256-<hex>.sig}: an OCI image manifest whose layers are
 * simple-signing payloads ({@value RegistrySignatureStore#SIMPLE_SIGNING_MEDIA_TYPE}), each with
 * its base64 signature in the {@code dev.cosignproject.cosign/signature} annotation, and a config
 * whose {@code rootfs.diff_ids} are the layer digests. Appending rewrites the tag with one more
 * layer: a read-modify-write that a concurrent signer can lose (as with cosign itself).
 *
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign
 *     SIGNATURE_SPEC</a>
 */
final class RegistrySigTag {
  private RegistrySigTag() {}

  static String tag(Digest digest) {
    return digest.algorithm() + "-" + digest.hex() + ".sig";
  }

  /**
   * {@return the simple-signing signatures in the tag, in layer order} A layer whose blob cannot be
   * read or does not match is logged and skipped, and a tag that is no manifest is logged and read
   * as none, so that one bad attachment does not hide the others (see {@link
   * RegistryBundles#read}); at most {@link RegistryBundles#MAX_ENTRIES} layers are read.
   */
  static List<ImageSignature> read(RegistryClient client, String repository, Digest digest)
      throws OciException {
    ImageManifest manifest;
    try {
      manifest = existing(client, repository, digest);
    } catch (MalformedContentException e) {
      RegistryBundles.skip(client, repository, "signature tag " + tag(digest), e);
      manifest = null;
    }
    List<ImageSignature> out = new ArrayList<>();
    if (manifest == null) {
      return out;
    }
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor layer : manifest.layers()) {
      String signature = layer.annotations().get(ImageSignature.COSIGN_SIGNATURE_ANNOTATION);
      if (!layer.mediaType().equals(RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE)
          || signature == null) {
        continue; // another kind of attachment; it carries no cosign signature
      }
      if (layers.size() == RegistryBundles.MAX_ENTRIES) {
        break;
      }
      layers.add(layer);
    }
    for (Descriptor layer : RegistryBundles.withinBudget(client, repository, layers)) {
      try {
        out.add(
            ImageSignature.cosignSimpleSigning(
                RegistryBundles.blob(client, repository, layer),
                String.valueOf(
                    layer.annotations().get(ImageSignature.COSIGN_SIGNATURE_ANNOTATION))));
      } catch (OciException e) {
        RegistryBundles.skip(client, repository, "signature layer " + layer.digest(), e);
      }
    }
    return out;
  }

  static void append(
      RegistryClient client, String repository, Digest digest, ImageSignature signature)
      throws OciException {
    ImageManifest old = existing(client, repository, digest);
    List<Descriptor> layers = new ArrayList<>(old == null ? List.of() : old.layers());
    Descriptor pushed = client.pushBlob(repository, signature.bytesUnsafe());
    layers.add(
        RegistryBundles.withType(
            pushed,
            RegistrySignatureStore.SIMPLE_SIGNING_MEDIA_TYPE,
            Map.of(
                ImageSignature.COSIGN_SIGNATURE_ANNOTATION,
                String.valueOf(signature.signatureAnnotation()))));
    Descriptor config =
        RegistryBundles.withType(
            client.pushBlob(repository, config(layers)), MediaTypes.OCI_CONFIG, Map.of());
    ImageManifest manifest =
        new ImageManifest(MediaTypes.OCI_MANIFEST, null, config, layers, null, Map.of());
    client.pushManifest(repository, tag(digest), MediaTypes.OCI_MANIFEST, manifest.toJson());
  }

  /** cosign's placeholder image config: no platform, the layers as diff_ids. */
  private static byte[] config(List<Descriptor> layers) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("architecture", "");
    root.put("created", "0001-01-01T00:00:00Z");
    root.putArray("history").addObject().put("created", "0001-01-01T00:00:00Z");
    root.put("os", "");
    ObjectNode rootfs = root.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    for (Descriptor layer : layers) {
      ids.add(layer.digest().toString());
    }
    root.putObject("config");
    return Json.write(root);
  }

  private static @org.jspecify.annotations.Nullable ImageManifest existing(
      RegistryClient client, String repository, Digest digest) throws OciException {
    try {
      return ImageManifest.parse(client.manifest(repository, tag(digest)).bytes());
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }
}
