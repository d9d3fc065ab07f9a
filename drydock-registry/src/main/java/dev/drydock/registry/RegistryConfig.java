package dev.drydock.registry;

import dev.drydock.model.InvalidValueException;
import dev.drydock.pki.TlsOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to run the registry server.
 *
 * @param listen the address to bind; port 0 picks a free port
 * @param tls the server's key, chain and CA files; null serves plain HTTP, which is allowed only on
 *     a loopback address and only with {@code insecureLoopbackHttp}. With TLS the server asks for
 *     client certificates chaining to the CA (optional: they name an account)
 * @param insecureLoopbackHttp the explicit consent to plain HTTP on loopback
 * @param uploadTtl how long an upload session lives after its last chunk
 * @param maxBlobBytes the largest blob accepted
 * @param maxManifestBytes the largest manifest accepted (the spec asks for at least 4 MiB)
 * @param maxUploads how many upload sessions may be open at once, across all repositories; more are
 *     answered 429 TOOMANYREQUESTS, so that clients cannot fill the disk with empty sessions
 * @param clock the clock for upload expiry, garbage-collection grace and tokens
 * @param auth token authentication; always on with TLS, off only for plain HTTP on loopback
 */
public record RegistryConfig(
    InetSocketAddress listen,
    @Nullable TlsOptions tls,
    boolean insecureLoopbackHttp,
    Duration uploadTtl,
    long maxBlobBytes,
    int maxManifestBytes,
    int maxUploads,
    Clock clock,
    Auth auth) {

  /** The spec's minimum manifest size a registry should accept. */
  public static final int DEFAULT_MAX_MANIFEST = 4 * 1024 * 1024;

  /** The default largest blob: 16 GiB. */
  public static final long DEFAULT_MAX_BLOB = 16L << 30;

  /** The default upload session lifetime after the last chunk. */
  public static final Duration DEFAULT_UPLOAD_TTL = Duration.ofHours(1);

  /** The default number of upload sessions open at once. */
  public static final int DEFAULT_MAX_UPLOADS = 1000;

  /**
   * Token authentication settings.
   *
   * @param enabled whether requests need tokens; off only for plain HTTP on loopback
   * @param service the service name: the tokens' audience and the challenge's {@code service}
   * @param issuer the tokens' {@code iss}
   * @param tokenLifetime how long access tokens live, 1 minute to 1 hour
   * @param refreshLifetime how long refresh tokens (docker's identity tokens) live, up to 30 days
   * @param realm the external base URL clients reach the registry under ({@code
   *     https://registry.example:5000}), whose {@code /auth/token} the challenge names; null to
   *     build it from the request's (strictly validated) Host header
   * @param adminCertificates whether a client certificate may log in a system administrator (off by
   *     default: administrators log in with their password, which is throttled)
   * @param maxVerifications how many password verifications (Argon2id, CPU and memory heavy) may
   *     run at once; further logins are answered 429 at once instead of queueing
   */
  public record Auth(
      boolean enabled,
      String service,
      String issuer,
      Duration tokenLifetime,
      Duration refreshLifetime,
      @Nullable URI realm,
      boolean adminCertificates,
      int maxVerifications) {
    /** The default service name. */
    public static final String DEFAULT_SERVICE = "drydock-registry";

    /** The default issuer name. */
    public static final String DEFAULT_ISSUER = "drydock-token-service";

    /** Authentication on with the default names and lifetimes (5 minutes, 24 hours). */
    public static final Auth ON =
        new Auth(
            true,
            DEFAULT_SERVICE,
            DEFAULT_ISSUER,
            TokenIssuer.DEFAULT_LIFETIME,
            RefreshTokens.DEFAULT_LIFETIME);

    /** Authentication off (plain HTTP on loopback only). */
    public static final Auth OFF =
        new Auth(
            false,
            DEFAULT_SERVICE,
            DEFAULT_ISSUER,
            TokenIssuer.DEFAULT_LIFETIME,
            RefreshTokens.DEFAULT_LIFETIME);

    /** The default bound on concurrent password verifications: the number of cores. */
    public static final int DEFAULT_MAX_VERIFICATIONS = cores();

    // A method, not the constant: ON and OFF above are built before the constant is initialised.
    private static int cores() {
      return Math.max(1, Math.min(1024, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Settings with the defaults for realm (from Host), admin certificates (off), verifications.
     */
    public Auth(
        boolean enabled,
        String service,
        String issuer,
        Duration tokenLifetime,
        Duration refreshLifetime) {
      this(enabled, service, issuer, tokenLifetime, refreshLifetime, null, false, cores());
    }

    /** {@return these settings with the external base URL {@code realm}} */
    public Auth withRealm(@Nullable URI realm) {
      return new Auth(
          enabled,
          service,
          issuer,
          tokenLifetime,
          refreshLifetime,
          realm,
          adminCertificates,
          maxVerifications);
    }

    /** {@return these settings with certificate logins for administrators on or off} */
    public Auth withAdminCertificates(boolean allowed) {
      return new Auth(
          enabled,
          service,
          issuer,
          tokenLifetime,
          refreshLifetime,
          realm,
          allowed,
          maxVerifications);
    }

    /** {@return these settings with at most {@code max} concurrent password verifications} */
    public Auth withMaxVerifications(int max) {
      return new Auth(
          enabled, service, issuer, tokenLifetime, refreshLifetime, realm, adminCertificates, max);
    }

    /** Checks names, lifetimes, the realm URL and the verification bound. */
    public Auth {
      Objects.requireNonNull(tokenLifetime, "tokenLifetime");
      Objects.requireNonNull(refreshLifetime, "refreshLifetime");
      for (String name : new String[] {service, issuer}) {
        if (!name.matches("[A-Za-z0-9._:/-]{1,128}")) {
          throw new InvalidValueException(
              "token service or issuer name", name, "use 1-128 letters, digits or . _ : / -");
        }
      }
      // Docker treats expires_in below 60 as 60, so shorter tokens would be used after expiry.
      if (tokenLifetime.compareTo(Duration.ofMinutes(1)) < 0
          || tokenLifetime.compareTo(Duration.ofHours(1)) > 0) {
        throw new InvalidValueException(
            "token lifetime", tokenLifetime.toString(), "use 1 minute..1 hour");
      }
      if (refreshLifetime.compareTo(Duration.ofMinutes(1)) < 0
          || refreshLifetime.compareTo(Duration.ofDays(30)) > 0) {
        throw new InvalidValueException(
            "refresh token lifetime", refreshLifetime.toString(), "use 1 minute..30 days");
      }
      if (maxVerifications < 1 || maxVerifications > 1024) {
        throw new InvalidValueException(
            "concurrent password verifications", Integer.toString(maxVerifications), "use 1..1024");
      }
      if (realm != null) {
        // The realm is written into WWW-Authenticate inside quotes: a strict URL keeps it inert.
        String text = realm.toString();
        if (!text.matches("https?://[A-Za-z0-9.\\[\\]:-]{1,255}(/[A-Za-z0-9._~/-]{0,200})?")
            || realm.getHost() == null
            || realm.getRawUserInfo() != null) {
          throw new InvalidValueException(
              "external registry URL (auth realm)",
              text.length() > 100 ? text.substring(0, 100) : text,
              "use http(s)://host[:port][/path] without user, query or fragment");
        }
      }
    }

    /** {@return the token endpoint's URL under the configured base, or null when not configured} */
    @Nullable String realmUrl() {
      if (realm == null) {
        return null;
      }
      String base = realm.toString();
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
          + TokenEndpoint.PATH;
    }
  }

  /** Refuses plain HTTP unless it is consented to and bound to loopback. */
  public RegistryConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(auth, "auth");
    if (tls != null && !auth.enabled()) {
      throw new InvalidValueException(
          "registry authentication", "off", "with TLS, authentication is always on");
    }
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
            "plain HTTP is allowed only on a loopback address (127.0.0.1 or ::1); use TLS for"
                + " any other address");
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
        clock,
        Auth.ON);
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
        clock,
        Auth.OFF);
  }

  /** {@return this configuration with other authentication settings} */
  public RegistryConfig withAuth(Auth settings) {
    return new RegistryConfig(
        listen,
        tls,
        insecureLoopbackHttp,
        uploadTtl,
        maxBlobBytes,
        maxManifestBytes,
        maxUploads,
        clock,
        settings);
  }

  /** {@return this configuration with another upload lifetime} */
  public RegistryConfig withUploadTtl(Duration ttl) {
    return new RegistryConfig(
        listen,
        tls,
        insecureLoopbackHttp,
        ttl,
        maxBlobBytes,
        maxManifestBytes,
        maxUploads,
        clock,
        auth);
  }

  /** {@return this configuration with other size limits} */
  public RegistryConfig withLimits(long blobBytes, int manifestBytes) {
    return new RegistryConfig(
        listen,
        tls,
        insecureLoopbackHttp,
        uploadTtl,
        blobBytes,
        manifestBytes,
        maxUploads,
        clock,
        auth);
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
        clock,
        auth);
  }
}
