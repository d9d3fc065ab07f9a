package dev.drydock.registry;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pki.TlsOptions;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to run the registry server.
 *
 * @param listen the address to bind; port 0 picks a free port
 * @param tls the server's key, chain and CA files; null serves plain HTTP, which is allowed only on
 *     a loopback address and only with {@code insecureLoopbackHttp}, since there is no
 *     authentication yet
 * @param insecureLoopbackHttp the explicit consent to plain HTTP on loopback
 * @param uploadTtl how long an upload session lives after its last chunk
 * @param maxBlobBytes the largest blob accepted
 * @param maxManifestBytes the largest manifest accepted (the spec asks for at least 4 MiB)
 * @param maxUploads how many upload sessions may be open at once, across all repositories; more are
 *     answered 429 TOOMANYREQUESTS, so that clients cannot fill the disk with empty sessions
 * @param clock the clock for upload expiry and garbage-collection grace
 */
public record RegistryConfig(
    InetSocketAddress listen,
    @Nullable TlsOptions tls,
    boolean insecureLoopbackHttp,
    Duration uploadTtl,
    long maxBlobBytes,
    int maxManifestBytes,
    int maxUploads,
    Clock clock) {

  /** The spec's minimum manifest size a registry should accept. */
  public static final int DEFAULT_MAX_MANIFEST = 4 * 1024 * 1024;

  /** The default largest blob: 16 GiB. */
  public static final long DEFAULT_MAX_BLOB = 16L << 30;

  /** The default upload session lifetime after the last chunk. */
  public static final Duration DEFAULT_UPLOAD_TTL = Duration.ofHours(1);

  /** The default number of upload sessions open at once. */
  public static final int DEFAULT_MAX_UPLOADS = 1000;

  /** Refuses plain HTTP unless it is consented to and bound to loopback. */
  public RegistryConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(uploadTtl, "uploadTtl");
    Objects.requireNonNull(clock, "clock");
    if (tls == null) {
      if (!insecureLoopbackHttp) {
        throw new InvalidValueException(
            "registry listen address",
            listen.toString(),
            "TLS is required: give a certificate, or consent to plain HTTP on loopback");
      }
      if (listen.getAddress() == null || !listen.getAddress().isLoopbackAddress()) {
        throw new InvalidValueException(
            "registry listen address",
            listen.toString(),
            "plain HTTP is allowed only on a loopback address (127.0.0.1 or ::1) until the"
                + " registry has authentication; use TLS for any other address");
      }
    }
    if (uploadTtl.isNegative() || uploadTtl.isZero()) {
      throw new InvalidValueException("upload lifetime", uploadTtl.toString(), "must be positive");
    }
    if (maxBlobBytes <= 0 || maxManifestBytes <= 0) {
      throw new InvalidValueException(
          "size limits", maxBlobBytes + "/" + maxManifestBytes, "must be positive");
    }
    if (maxUploads <= 0) {
      throw new InvalidValueException(
          "open upload sessions limit", Integer.toString(maxUploads), "must be positive");
    }
  }

  /** {@return a TLS configuration with the default limits} */
  public static RegistryConfig tls(InetSocketAddress listen, TlsOptions tls, Clock clock) {
    return new RegistryConfig(
        listen,
        tls,
        false,
        DEFAULT_UPLOAD_TTL,
        DEFAULT_MAX_BLOB,
        DEFAULT_MAX_MANIFEST,
        DEFAULT_MAX_UPLOADS,
        clock);
  }

  /** {@return a plain-HTTP loopback configuration with the default limits} */
  public static RegistryConfig insecureLoopback(InetSocketAddress listen, Clock clock) {
    return new RegistryConfig(
        listen,
        null,
        true,
        DEFAULT_UPLOAD_TTL,
        DEFAULT_MAX_BLOB,
        DEFAULT_MAX_MANIFEST,
        DEFAULT_MAX_UPLOADS,
        clock);
  }

  /** {@return this configuration with another upload lifetime} */
  public RegistryConfig withUploadTtl(Duration ttl) {
    return new RegistryConfig(
        listen, tls, insecureLoopbackHttp, ttl, maxBlobBytes, maxManifestBytes, maxUploads, clock);
  }

  /** {@return this configuration with other size limits} */
  public RegistryConfig withLimits(long blobBytes, int manifestBytes) {
    return new RegistryConfig(
        listen, tls, insecureLoopbackHttp, uploadTtl, blobBytes, manifestBytes, maxUploads, clock);
  }

  /** {@return this configuration with another limit on open upload sessions} */
  public RegistryConfig withMaxUploads(int sessions) {
    return new RegistryConfig(
        listen,
        tls,
        insecureLoopbackHttp,
        uploadTtl,
        maxBlobBytes,
        maxManifestBytes,
        sessions,
        clock);
  }
}
