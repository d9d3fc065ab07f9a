package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a registry answered to a manifest push.
 *
 * @param digest the digest of the pushed bytes, which the registry confirmed in {@code
 *     Docker-Content-Digest}
 * @param subject the {@code OCI-Subject} header: the registry indexed the manifest's subject for
 *     the referrers API; null when it did not (then clients maintain the referrers tag)
 * @param location the {@code Location} header, or null
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-manifests-with-subject">OCI
 *     distribution: pushing manifests with subject</a>
 */
public record PushedManifest(Digest digest, @Nullable Digest subject, @Nullable String location) {
  /** Validates. */
  public PushedManifest {
    Objects.requireNonNull(digest, "digest");
  }
}
