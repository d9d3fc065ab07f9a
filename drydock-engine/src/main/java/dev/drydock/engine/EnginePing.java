package dev.drydock.engine;

import java.util.Objects;

/**
 * What the daemon says about itself in the headers of {@code GET /_ping}.
 *
 * @param apiVersion the highest API version the daemon speaks ({@code Api-Version})
 * @param osType the daemon's OS, e.g. {@code linux} ({@code OSType}); empty if not sent
 * @param experimental whether experimental features are on ({@code Docker-Experimental})
 * @param server the {@code Server} header, e.g. {@code Docker/20.10.24 (linux)}; empty if not sent
 * @param builderVersion the default builder, {@code 1} or {@code 2} ({@code Builder-Version});
 *     empty if not sent
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemPing">SystemPing</a>
 */
public record EnginePing(
    ApiVersion apiVersion,
    String osType,
    boolean experimental,
    String server,
    String builderVersion) {
  /** Checks that no component is null. */
  public EnginePing {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(osType, "osType");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(builderVersion, "builderVersion");
  }
}
