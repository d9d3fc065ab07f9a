package dev.drydock.oci;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives the {@link RegistryClient} for a registry host, so that code working on images of several
 * registries (copy, signature stores) can pick per host credentials and TLS trust. Implementations
 * may cache clients; a client is thread-safe.
 */
@FunctionalInterface
public interface RegistryClientFactory {
  /**
   * {@return the client for {@code registry}}
   *
   * @param registry the registry host[:port] as in an image reference, e.g. {@code 127.0.0.1:5000}
   * @throws OciException when the client cannot be configured (credentials, CA file)
   */
  RegistryClient client(String registry) throws OciException;

  /** {@return a factory that gives every registry the same options, one cached client per host} */
  static RegistryClientFactory of(RegistryOptions options) {
    Objects.requireNonNull(options, "options");
    Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    return registry -> clients.computeIfAbsent(registry, r -> new RegistryClient(r, options));
  }
}
