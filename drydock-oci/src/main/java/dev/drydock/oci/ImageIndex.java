package dev.drydock.oci;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image index or a Docker manifest list: manifests for several platforms.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">OCI image
 *     index</a>
 * @param mediaType {@link MediaTypes#OCI_INDEX}, {@link MediaTypes#DOCKER_MANIFEST_LIST}, or null
 *     when the (OCI) document leaves it out, as {@code index.json} of a layout often does
 * @param artifactType the artifact type, or null
 * @param manifests the entries
 * @param subject the manifest this one refers to, or null
 * @param annotations annotations, empty when absent
 */
public record ImageIndex(
    @Nullable String mediaType,
    @Nullable String artifactType,
    List<Descriptor> manifests,
    @Nullable Descriptor subject,
    Map<String, String> annotations) {

  /** Validates and copies. */
  public ImageIndex {
    if (mediaType != null && !MediaTypes.isIndex(mediaType)) {
      throw new IllegalArgumentException("not an index media type: " + mediaType);
    }
    manifests = List.copyOf(manifests);
    annotations = Codecs.orderedCopy(annotations);
  }

  /**
   * Parses an index, tolerating unknown fields.
   *
   * @throws MalformedContentException when it is not JSON, misses a required field or has another
   *     media type
   */
  public static ImageIndex parse(byte[] json) throws MalformedContentException {
    return IndexCodec.decode(json);
  }

  /** {@return the canonical JSON encoding: compact, fields in the spec's order} */
  public byte[] toJson() {
    return IndexCodec.encode(this);
  }

  /**
   * {@return the first image manifest entry for the platform (os and architecture, and variant when
   * the wanted platform names one)}
   */
  public Optional<Descriptor> find(Platform wanted) {
    return manifests.stream()
        .filter(d -> MediaTypes.isManifest(d.mediaType()))
        .filter(d -> d.platform() != null && matches(d.platform(), wanted))
        .findFirst();
  }

  private static boolean matches(Platform have, Platform wanted) {
    return have.os().equals(wanted.os())
        && have.architecture().equals(wanted.architecture())
        && (wanted.variant() == null || wanted.variant().equals(have.variant()));
  }
}
