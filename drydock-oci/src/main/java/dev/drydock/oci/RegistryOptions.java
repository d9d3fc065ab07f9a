package dev.drydock.oci;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link RegistryClient} connects.
 *
 * @param credentials the credentials (never printed)
 * @param tls the TLS context trusting the registry's CA (e.g. from drydock-pki or {@link
 *     RegistryClient#trusting(java.nio.file.Path)}), or null for the JDK's default trust
 * @param plainHttp talk HTTP instead of HTTPS (loopback test registries only)
 * @param timeout connect timeout and the limit for each response's headers
 */
public record RegistryOptions(
    RegistryCredentials credentials,
    @Nullable SSLContext tls,
    boolean plainHttp,
    Duration timeout) {

  /** Validates. */
  public RegistryOptions {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** {@return HTTPS with default trust, the given credentials, 30 s timeout} */
  public static RegistryOptions of(RegistryCredentials credentials) {
    return new RegistryOptions(credentials, null, false, Duration.ofSeconds(30));
  }
}
