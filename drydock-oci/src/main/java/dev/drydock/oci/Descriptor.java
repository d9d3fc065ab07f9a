package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A content descriptor: what a blob or manifest is, its digest and size.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md">OCI
 *     descriptor</a>
 * @param mediaType the content's media type
 * @param digest the content's digest
 * @param size the content's size in bytes
 * @param urls alternate locations (foreign layers), empty when absent
 * @param annotations annotations, empty when absent (insertion order kept)
 * @param data embedded content, base64, or null
 * @param platform the platform of an index entry, or null
 * @param artifactType the artifact type of the referenced manifest, or null
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    List<String> urls,
    Map<String, String> annotations,
    @Nullable String data,
    @Nullable Platform platform,
    @Nullable String artifactType) {

  /** Validates and copies. */
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("descriptor size must not be negative: " + size);
    }
    urls = List.copyOf(urls);
    annotations = Codecs.orderedCopy(annotations);
  }

  /** {@return a plain descriptor with no urls, annotations, data or platform} */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), Map.of(), null, null, null);
  }
}
