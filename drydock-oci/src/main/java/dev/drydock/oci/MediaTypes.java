package dev.drydock.oci;

import java.util.Set;

/**
 * The media types of OCI image-spec 1.1 and Docker image manifest v2 schema 2.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/media-types.md">OCI media
 *     types</a>
 * @see <a
 *     href="https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md">Docker
 *     manifest v2 schema 2</a>
 */
public final class MediaTypes {
  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** OCI image config. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** OCI layer, uncompressed tar. */
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

  /** OCI layer, gzip. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** OCI layer, zstd. */
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

  /** The OCI empty descriptor's media type ({@code {}}). */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** Docker manifest v2 schema 2. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker manifest list. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Docker image config. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** Docker layer, gzip. */
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** Docker layer, uncompressed (what {@code docker save} archives hold). */
  public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";

  /** Docker foreign (non-distributable) layer, gzip. */
  public static final String DOCKER_FOREIGN_LAYER =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  /** The manifest media types a registry client accepts, in order of preference. */
  public static final Set<String> MANIFESTS =
      Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private MediaTypes() {}

  /** {@return whether the type is an OCI index or a Docker manifest list} */
  public static boolean isIndex(String mediaType) {
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_MANIFEST_LIST);
  }

  /** {@return whether the type is an OCI image manifest or a Docker v2s2 manifest} */
  public static boolean isManifest(String mediaType) {
    return mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST);
  }
}
