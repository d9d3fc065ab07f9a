package dev.drydock.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link S3BlobStorage} keeps blobs: an S3-compatible endpoint, its region, a bucket,
 * and a key prefix inside it.
 *
 * @param endpoint {@code http(s)://host[:port]}, no path (e.g. {@code
 *     https://s3.eu-west-1.amazonaws.com})
 * @param region the region requests are signed for ({@code us-east-1} for most non-AWS servers)
 * @param bucket the bucket, which must exist
 * @param prefix the key prefix, empty or {@code [A-Za-z0-9._-]} segments joined by {@code /}
 * @param pathStyle {@code http://host/bucket/key} when true, {@code http://bucket.host/key} when
 *     false (virtual-host style, which AWS prefers; most self-hosted servers want path style)
 * @param partSize bytes per multipart part (at least 5 MiB, S3's minimum for all but the last
 *     part); also the most an upload session buffers on local disk
 * @param timeout connect timeout and the time allowed until a response's headers arrive
 * @param maxAttempts tries per request for 5xx answers and broken connections (1 to 10)
 */
public record S3Settings(
    URI endpoint,
    String region,
    String bucket,
    String prefix,
    boolean pathStyle,
    long partSize,
    Duration timeout,
    int maxAttempts) {
  /** S3's smallest part size (every part but the last). */
  public static final long MIN_PART_SIZE = 5L << 20;

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");

  /** Checks the parts. */
  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
    if (!(scheme.equals("http") || scheme.equals("https"))
        || endpoint.getHost() == null
        || endpoint.getRawUserInfo() != null
        || endpoint.getRawQuery() != null
        || !(endpoint.getRawPath() == null
            || endpoint.getRawPath().isEmpty()
            || endpoint.getRawPath().equals("/"))) {
      throw new IllegalArgumentException(
          "S3 endpoint " + endpoint + " must be http(s)://host[:port] without path or query");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "S3 bucket name '" + bucket + "' must be 3-63 lower-case letters, digits, '.' or '-'");
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "S3 key prefix '" + prefix + "' must be segments of [A-Za-z0-9._-] joined by '/'");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("S3 region '" + region + "' is not a region name");
    }
    if (partSize < MIN_PART_SIZE || partSize > (1L << 30)) {
      throw new IllegalArgumentException(
          "S3 part size " + partSize + " must lie between 5 MiB and 1 GiB");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("S3 timeout must be positive, not " + timeout);
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("S3 maxAttempts must be 1 to 10, not " + maxAttempts);
    }
    if (!pathStyle && bucket.contains(".") && scheme.equals("https")) {
      // A dotted bucket name breaks the wildcard certificate of virtual-host endpoints.
      throw new IllegalArgumentException(
          "S3 bucket '" + bucket + "' contains '.': use path-style addressing over https");
    }
  }

  /**
   * Settings with path-style addressing, 8 MiB parts, a 60 s timeout and 4 attempts.
   *
   * @param endpoint {@code http(s)://host[:port]}
   */
  public static S3Settings of(URI endpoint, String region, String bucket, String prefix) {
    return new S3Settings(
        endpoint, region, bucket, prefix, true, 8L << 20, Duration.ofSeconds(60), 4);
  }

  /** {@return these settings with virtual-host or path-style addressing} */
  public S3Settings withPathStyle(boolean pathStyle) {
    return new S3Settings(
        endpoint, region, bucket, prefix, pathStyle, partSize, timeout, maxAttempts);
  }

  /** {@return these settings with another part size} */
  public S3Settings withPartSize(long partSize) {
    return new S3Settings(
        endpoint, region, bucket, prefix, pathStyle, partSize, timeout, maxAttempts);
  }

  /** {@return these settings with another timeout and attempt count} */
  public S3Settings withRetries(Duration timeout, int maxAttempts) {
    return new S3Settings(
        endpoint, region, bucket, prefix, pathStyle, partSize, timeout, maxAttempts);
  }

  /** {@return the key of {@code name} under the prefix} */
  String key(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** {@return whether requests travel over TLS} */
  boolean tls() {
    return endpoint.getScheme().toLowerCase(Locale.ROOT).equals("https");
  }

  /** {@return the path that is signed for {@code key}, not yet encoded} */
  String signedPath(String key) {
    if (pathStyle) {
      return "/" + bucket + (key.isEmpty() ? "" : "/" + key);
    }
    return "/" + key;
  }

  /** {@return the Host header value} */
  String host() {
    return pathStyle ? endpoint.getRawAuthority() : bucket + "." + endpoint.getRawAuthority();
  }
}
