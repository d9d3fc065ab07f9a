package dev.drydock.engine;

import dev.drydock.model.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** Parses {@code DOCKER_HOST}-style addresses for {@link EngineEndpoint}. */
final class EndpointParser {
  private static final String EXPECTATION = "expected unix:///path/to/socket or tcp://host:port";

  private EndpointParser() {}

  static String dockerHost(Map<String, String> env) {
    String host = env.getOrDefault("DOCKER_HOST", "");
    return host.isBlank() ? EngineEndpoint.DEFAULT_HOST : host.strip();
  }

  static EngineEndpoint parse(String address, @Nullable SSLContext tls) {
    Objects.requireNonNull(address, "address");
    if (address.startsWith("unix://")) {
      String path = address.substring("unix://".length());
      if (path.isEmpty() || path.indexOf('\0') >= 0) {
        throw new InvalidValueException("Docker endpoint", address, EXPECTATION);
      }
      return new EngineEndpoint.Unix(Path.of(path));
    }
    if (!address.startsWith("tcp://")) {
      throw new InvalidValueException("Docker endpoint", address, EXPECTATION);
    }
    URI uri = tcpUri(address);
    String host = stripBrackets(Objects.requireNonNull(uri.getHost()));
    int port =
        uri.getPort() >= 0
            ? uri.getPort()
            : tls == null ? EngineEndpoint.DEFAULT_TCP_PORT : EngineEndpoint.DEFAULT_TLS_PORT;
    return tls == null
        ? new EngineEndpoint.Tcp(host, port)
        : new EngineEndpoint.Tls(host, port, tls);
  }

  static void checkHostAndPort(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || host.startsWith("[")) {
      throw new InvalidValueException("Docker host", host, "expected a host name or IP address");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidValueException("Docker port", Integer.toString(port), "expected 1 to 65535");
    }
  }

  static String authority(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static URI tcpUri(String address) {
    try {
      URI uri = new URI(address);
      String path = uri.getRawPath();
      boolean onlyAuthority =
          uri.getHost() != null
              && uri.getUserInfo() == null
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && (path == null || path.isEmpty() || path.equals("/"));
      if (!onlyAuthority) {
        throw new InvalidValueException("Docker endpoint", address, EXPECTATION);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidValueException("Docker endpoint", address, EXPECTATION);
    }
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
