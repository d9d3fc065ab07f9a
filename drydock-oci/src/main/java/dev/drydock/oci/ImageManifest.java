package dev.drydock.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image manifest or a Docker image manifest v2 schema 2: one config and ordered layers.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md">OCI image
 *     manifest</a>
 * @param mediaType {@link MediaTypes#OCI_MANIFEST}, {@link MediaTypes#DOCKER_MANIFEST}, or null
 *     when the (OCI) document leaves it out
 * @param artifactType the artifact type, or null
 * @param config the config blob
 * @param layers the layers, base first
 * @param subject the manifest this one refers to (OCI 1.1 referrers), or null
 * @param annotations annotations, empty when absent
 */
public record ImageManifest(
    @Nullable String mediaType,
    @Nullable String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    @Nullable Descriptor subject,
    Map<String, String> annotations) {

  /** Validates and copies. */
  public ImageManifest {
    if (mediaType != null && !MediaTypes.isManifest(mediaType)) {
      throw new IllegalArgumentException("not a manifest media type: " + mediaType);
    }
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    annotations = Codecs.orderedCopy(annotations);
  }

  /**
   * Parses a manifest, tolerating unknown fields.
   *
   * @param json the manifest bytes
   * @throws MalformedContentException when it is not JSON, misses a required field or has another
   *     media type
   */
  public static ImageManifest parse(byte[] json) throws MalformedContentException {
    return ManifestCodec.decode(json);
  }

  /** {@return the canonical JSON encoding: compact, fields in the spec's order} */
  public byte[] toJson() {
    return ManifestCodec.encode(this);
  }

  /** {@return the media type, {@link MediaTypes#OCI_MANIFEST} when the document has none} */
  public String effectiveMediaType() {
    return mediaType != null ? mediaType : MediaTypes.OCI_MANIFEST;
  }
}
