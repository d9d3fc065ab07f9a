package dev.drydock.engine;

import java.util.Objects;

/**
 * A client for one Docker daemon. It is immutable and thread-safe; each call opens its own
 * connection. The API version is negotiated on first use: the lower of the daemon's and {@value
 * #MAX_API_VERSION}.
 *
 * <pre>{@code
 * EngineClient docker = EngineClient.create(EngineEndpoint.fromEnvironment(System.getenv()));
 * EngineInfo info = docker.info();
 * }</pre>
 */
public final class EngineClient {
  /** The newest Engine API version this client asks for. */
  public static final String MAX_API_VERSION = "1.47";

  private final EngineCaller caller;

  private EngineClient(EngineCaller caller) {
    this.caller = caller;
  }

  /**
   * Creates a client with {@link EngineOptions#defaults()}.
   *
   * @param endpoint where the daemon listens
   * @return the client; nothing is contacted yet
   */
  public static EngineClient create(EngineEndpoint endpoint) {
    return create(endpoint, EngineOptions.defaults());
  }

  /**
   * Creates a client with the given timeouts and limits.
   *
   * @param endpoint where the daemon listens
   * @param options timeouts and response size limit
   * @return the client; nothing is contacted yet
   */
  public static EngineClient create(EngineEndpoint endpoint, EngineOptions options) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    return new EngineClient(
        new EngineCaller(endpoint, options, Connector.forEndpoint(endpoint, options)));
  }

  /** {@return the daemon this client talks to} */
  public EngineEndpoint endpoint() {
    return caller.endpoint();
  }

  /**
   * Checks that the daemon answers, and learns its API version.
   *
   * @return what the daemon reports in its ping headers
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public EnginePing ping() throws EngineException {
    return caller.ping();
  }

  /**
   * Asks for the daemon's versions.
   *
   * @return the engine and component versions
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public EngineVersion version() throws EngineException {
    return caller.call(new GetVersion());
  }

  /**
   * Asks for the daemon's configuration and state.
   *
   * @return the system information
   * @throws EngineException if the daemon cannot be reached or answers with an error
   */
  public EngineInfo info() throws EngineException {
    return caller.call(new GetInfo());
  }

  /**
   * Negotiates (pinging once) and returns the API version used in request paths.
   *
   * @return the lower of the daemon's API version and {@value #MAX_API_VERSION}
   * @throws EngineException if the daemon cannot be reached or is too old
   */
  public ApiVersion apiVersion() throws EngineException {
    return caller.apiVersion();
  }
}
