package dev.drydock.oci;

import dev.drydock.model.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image configuration (OCI image config, which Docker's {@code
 * application/vnd.docker.container.image.v1+json} extends): platform, run configuration, the
 * layers' diffIDs and the build history. Fields drydock does not use are not kept, so {@link
 * #toJson()} is canonical but not a copy of the original; digests are always taken over the
 * original bytes.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI image
 *     config</a>
 * @param architecture e.g. {@code amd64}
 * @param os e.g. {@code linux}
 * @param variant e.g. {@code v8}, or null
 * @param created RFC 3339 creation time as written, or null
 * @param author the author, or null
 * @param config the run configuration, or null when absent
 * @param diffIds the layers' uncompressed digests, base first ({@code rootfs.diff_ids})
 * @param history one entry per build step, empty when absent
 */
public record ImageConfig(
    String architecture,
    String os,
    @Nullable String variant,
    @Nullable String created,
    @Nullable String author,
    @Nullable RunConfig config,
    List<Digest> diffIds,
    List<History> history) {

  /** Validates and copies. */
  public ImageConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    diffIds = List.copyOf(diffIds);
    history = List.copyOf(history);
  }

  /**
   * Parses a config, tolerating unknown fields.
   *
   * @throws MalformedContentException when it is not JSON or misses os, architecture or rootfs
   */
  public static ImageConfig parse(byte[] json) throws MalformedContentException {
    return ConfigCodec.decode(json);
  }

  /** {@return the canonical JSON encoding of the fields kept: compact, in the spec's order} */
  public byte[] toJson() {
    return ConfigCodec.encode(this);
  }

  /**
   * The run configuration ({@code config} in the JSON).
   *
   * @param user {@code User}, or null
   * @param env {@code Env} as {@code NAME=value} strings
   * @param entrypoint {@code Entrypoint}, or null when unset (not the same as empty)
   * @param cmd {@code Cmd}, or null when unset
   * @param exposedPorts {@code ExposedPorts} keys, e.g. {@code 80/tcp}
   * @param labels {@code Labels}
   * @param healthcheck {@code Healthcheck} (a Docker extension), or null
   * @param workingDir {@code WorkingDir}, or null
   * @param volumes {@code Volumes} keys
   * @param stopSignal {@code StopSignal}, or null
   */
  public record RunConfig(
      @Nullable String user,
      List<String> env,
      @Nullable List<String> entrypoint,
      @Nullable List<String> cmd,
      List<String> exposedPorts,
      Map<String, String> labels,
      @Nullable Healthcheck healthcheck,
      @Nullable String workingDir,
      List<String> volumes,
      @Nullable String stopSignal) {

    /** Copies. */
    public RunConfig {
      env = List.copyOf(env);
      entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
      cmd = cmd == null ? null : List.copyOf(cmd);
      exposedPorts = List.copyOf(exposedPorts);
      labels = Codecs.orderedCopy(labels);
      volumes = List.copyOf(volumes);
    }
  }

  /**
   * Docker's health check.
   *
   * @param test e.g. {@code ["CMD-SHELL", "curl -f http://localhost/"]} or {@code ["NONE"]}
   * @param intervalNanos {@code Interval} in nanoseconds, 0 when unset
   * @param timeoutNanos {@code Timeout} in nanoseconds, 0 when unset
   * @param startPeriodNanos {@code StartPeriod} in nanoseconds, 0 when unset
   * @param retries {@code Retries}, 0 when unset
   */
  public record Healthcheck(
      List<String> test,
      long intervalNanos,
      long timeoutNanos,
      long startPeriodNanos,
      int retries) {

    /** Copies. */
    public Healthcheck {
      test = List.copyOf(test);
    }
  }

  /**
   * One build step.
   *
   * @param created when, RFC 3339 as written, or null
   * @param createdBy the command, or null
   * @param author the author, or null
   * @param comment the comment, or null
   * @param emptyLayer whether the step added no layer
   */
  public record History(
      @Nullable String created,
      @Nullable String createdBy,
      @Nullable String author,
      @Nullable String comment,
      boolean emptyLayer) {}
}
