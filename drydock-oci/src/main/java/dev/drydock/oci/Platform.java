package dev.drydock.oci;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The platform an index entry's image runs on.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md#image-index-property-descriptions">image
 *     index platform</a>
 * @param architecture GOARCH, e.g. {@code amd64}
 * @param os GOOS, e.g. {@code linux}
 * @param osVersion {@code os.version}, or null
 * @param osFeatures {@code os.features}, empty when absent
 * @param variant e.g. {@code v8} for arm64, or null
 * @param features {@code features} (reserved by the spec), empty when absent
 */
public record Platform(
    String architecture,
    String os,
    @Nullable String osVersion,
    List<String> osFeatures,
    @Nullable String variant,
    List<String> features) {

  /** Validates and copies. */
  public Platform {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    osFeatures = List.copyOf(osFeatures);
    features = List.copyOf(features);
  }

  /** {@return a platform with only os and architecture} */
  public static Platform of(String os, String architecture) {
    return new Platform(architecture, os, null, List.of(), null, List.of());
  }

  /** {@return {@code os/architecture[/variant]}} */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant != null ? "/" + variant : "");
  }
}
