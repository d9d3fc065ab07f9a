package dev.drydock.pki;

import dev.drydock.model.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to build a {@link TlsContext}.
 *
 * @param files the key, chain, trusted CA and CRL files
 * @param versions the accepted TLS versions
 * @param reloadInterval how often, at most, to look whether the files changed; zero looks on every
 *     handshake (a cheap check of size and modification time)
 */
public record TlsOptions(TlsFiles files, TlsVersions versions, Duration reloadInterval) {
  /** The default interval between checks for rotated files. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  /** Checks the parts are present and the interval is not negative. */
  public TlsOptions {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    if (reloadInterval.isNegative()) {
      throw new InvalidValueException(
          "reload interval", reloadInterval.toString(), "must be zero or positive");
    }
  }

  /** {@return TLS 1.3 only, checking for rotated files at most every 10 seconds} */
  public static TlsOptions of(TlsFiles files) {
    return new TlsOptions(files, TlsVersions.TLS_1_3, DEFAULT_RELOAD_INTERVAL);
  }

  /** {@return these options with other TLS versions} */
  public TlsOptions withVersions(TlsVersions newVersions) {
    return new TlsOptions(files, newVersions, reloadInterval);
  }

  /** {@return these options with another reload interval} */
  public TlsOptions withReloadInterval(Duration interval) {
    return new TlsOptions(files, versions, interval);
  }
}
