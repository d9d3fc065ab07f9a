package dev.drydock.engine;

import dev.drydock.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where a Docker daemon listens: a Unix socket, a plain TCP port or a TLS TCP port.
 *
 * <p>Text forms follow {@code DOCKER_HOST}: {@code unix:///var/run/docker.sock} and {@code
 * tcp://host:port}. A TCP address becomes a {@link Tls} endpoint when the caller supplies an {@link
 * SSLContext}; this module never builds trust material itself.
 */
public sealed interface EngineEndpoint
    permits EngineEndpoint.Unix, EngineEndpoint.Tcp, EngineEndpoint.Tls {

  /** The address Docker uses when {@code DOCKER_HOST} is unset. */
  String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** The port Docker uses for plain TCP when the address has none. */
  int DEFAULT_TCP_PORT = 2375;

  /** The port Docker uses for TLS when the address has none. */
  int DEFAULT_TLS_PORT = 2376;

  /**
   * Parses {@code unix:///path} or {@code tcp://host[:port]} (plain TCP).
   *
   * @param address the address, in {@code DOCKER_HOST} syntax
   * @return the endpoint
   * @throws InvalidValueException if the address is malformed or uses another scheme
   */
  static EngineEndpoint parse(String address) {
    return EndpointParser.parse(address, null);
  }

  /**
   * Parses {@code tcp://host[:port]} as a TLS endpoint that uses {@code sslContext}.
   *
   * @param address the address, in {@code DOCKER_HOST} syntax
   * @param sslContext holds the trusted CA and, for {@code --tlsverify} daemons, our client key
   * @return the endpoint; a {@code unix://} address stays a plain {@link Unix} endpoint
   * @throws InvalidValueException if the address is malformed or uses another scheme
   */
  static EngineEndpoint parse(String address, SSLContext sslContext) {
    return EndpointParser.parse(address, Objects.requireNonNull(sslContext, "sslContext"));
  }

  /**
   * Resolves the endpoint the Docker CLI would use: {@code DOCKER_HOST}, else {@link
   * #DEFAULT_HOST}.
   *
   * @param env the environment, e.g. {@code System.getenv()} read at the program's edge
   * @return the endpoint
   * @throws InvalidValueException if {@code DOCKER_HOST} is malformed, or asks for TLS through
   *     {@code DOCKER_TLS_VERIFY} (use {@link #fromEnvironment(Map, SSLContext)} then)
   */
  static EngineEndpoint fromEnvironment(Map<String, String> env) {
    String host = EndpointParser.dockerHost(env);
    EngineEndpoint endpoint = parse(host);
    if (endpoint instanceof Tcp && !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()) {
      throw new InvalidValueException(
          "DOCKER_HOST",
          host,
          "DOCKER_TLS_VERIFY is set, so pass an SSLContext to EngineEndpoint.fromEnvironment(env,"
              + " sslContext) instead of connecting without TLS");
    }
    return endpoint;
  }

  /**
   * Resolves {@code DOCKER_HOST} like {@link #fromEnvironment(Map)}, using TLS for TCP addresses.
   *
   * @param env the environment, e.g. {@code System.getenv()} read at the program's edge
   * @param sslContext the TLS context for a TCP daemon
   * @return the endpoint
   * @throws InvalidValueException if {@code DOCKER_HOST} is malformed
   */
  static EngineEndpoint fromEnvironment(Map<String, String> env, SSLContext sslContext) {
    return parse(EndpointParser.dockerHost(env), sslContext);
  }

  /** {@return the address in {@code DOCKER_HOST} syntax} */
  String address();

  /**
   * A daemon listening on a Unix domain socket.
   *
   * @param socket the absolute path of the socket
   */
  record Unix(Path socket) implements EngineEndpoint {
    /** The longest socket path Linux accepts ({@code sun_path} is 108 bytes with the NUL). */
    public static final int MAX_PATH_BYTES = 107;

    /**
     * Checks the path.
     *
     * @throws InvalidValueException if the path is relative or too long for a socket address
     */
    public Unix {
      Objects.requireNonNull(socket, "socket");
      if (!socket.isAbsolute()) {
        throw new InvalidValueException(
            "Unix socket path", socket.toString(), "expected an absolute path");
      }
      if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
        throw new InvalidValueException(
            "Unix socket path", socket.toString(), "expected at most " + MAX_PATH_BYTES + " bytes");
      }
    }

    @Override
    public String address() {
      return "unix://" + socket;
    }
  }

  /**
   * A daemon listening on plain TCP, with no authentication of either side.
   *
   * @param host the host name or IP address (IPv6 without brackets)
   * @param port the port, 1 to 65535
   */
  record Tcp(String host, int port) implements EngineEndpoint {
    /**
     * Checks host and port.
     *
     * @throws InvalidValueException if the host is empty or the port out of range
     */
    public Tcp {
      EndpointParser.checkHostAndPort(host, port);
    }

    @Override
    public String address() {
      return "tcp://" + EndpointParser.authority(host, port);
    }
  }

  /**
   * A daemon listening on TCP with TLS; the host name is verified against the daemon's certificate.
   * TLS 1.3 is used when the daemon supports it and TLS 1.2 otherwise, whatever versions {@code
   * sslContext} enables by default; nothing older is offered.
   *
   * @param host the host name or IP address (IPv6 without brackets)
   * @param port the port, 1 to 65535
   * @param sslContext trusts the daemon's CA and holds our client key if the daemon wants one
   */
  record Tls(String host, int port, SSLContext sslContext) implements EngineEndpoint {
    /**
     * Checks host and port.
     *
     * @throws InvalidValueException if the host is empty or the port out of range
     */
    public Tls {
      EndpointParser.checkHostAndPort(host, port);
      Objects.requireNonNull(sslContext, "sslContext");
    }

    @Override
    public String address() {
      return "tcp://" + EndpointParser.authority(host, port);
    }

    /** {@return the address and the fact that it uses TLS, never key material} */
    @Override
    public String toString() {
      return "Tls[" + address() + "]";
    }
  }
}
