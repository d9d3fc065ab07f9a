package dev.drydock.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for talking to a daemon: how long to wait and how much to read.
 *
 * @param connectTimeout how long to wait for a connection (and TLS handshake) to be established
 * @param readTimeout how long to wait for each read from the daemon before giving up
 * @param maxResponseBytes the largest response body accepted; larger bodies fail the call
 */
public record EngineOptions(Duration connectTimeout, Duration readTimeout, long maxResponseBytes) {
  /** The default body limit, 32 MiB: far above any inspect or info answer. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a timeout is not positive or the byte limit below 1
   */
  public EngineOptions {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
    }
  }

  /** {@return 5 s to connect, 60 s per read, 32 MiB per response} */
  public static EngineOptions defaults() {
    return new EngineOptions(
        Duration.ofSeconds(5), Duration.ofSeconds(60), DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** {@return a copy with another read timeout} */
  public EngineOptions withReadTimeout(Duration timeout) {
    return new EngineOptions(connectTimeout, timeout, maxResponseBytes);
  }

  /** {@return a copy with another response size limit} */
  public EngineOptions withMaxResponseBytes(long limit) {
    return new EngineOptions(connectTimeout, readTimeout, limit);
  }

  int connectTimeoutMillis() {
    return toMillis(connectTimeout);
  }

  int readTimeoutMillis() {
    return toMillis(readTimeout);
  }

  private static int toMillis(Duration d) {
    return (int) Math.clamp(d.toMillis(), 1L, Integer.MAX_VALUE);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
