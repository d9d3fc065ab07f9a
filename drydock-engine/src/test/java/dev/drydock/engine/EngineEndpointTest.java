package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class EngineEndpointTest {
  @Test
  void parse_unix_keepsPath() {
    EngineEndpoint endpoint = EngineEndpoint.parse("unix:///var/run/docker.sock");

    assertThat(endpoint).isEqualTo(new EngineEndpoint.Unix(Path.of("/var/run/docker.sock")));
    assertThat(endpoint.address()).isEqualTo("unix:///var/run/docker.sock");
  }

  @Test
  void parse_tcp_readsHostAndPort() {
    assertThat(EngineEndpoint.parse("tcp://10.0.0.1:2375"))
        .isEqualTo(new EngineEndpoint.Tcp("10.0.0.1", 2375));
    assertThat(EngineEndpoint.parse("tcp://docker.example/"))
        .isEqualTo(new EngineEndpoint.Tcp("docker.example", EngineEndpoint.DEFAULT_TCP_PORT));
  }

  @Test
  void parse_tcpIpv6_stripsAndRestoresBrackets() {
    EngineEndpoint endpoint = EngineEndpoint.parse("tcp://[::1]:2376");

    assertThat(endpoint).isEqualTo(new EngineEndpoint.Tcp("::1", 2376));
    assertThat(endpoint.address()).isEqualTo("tcp://[::1]:2376");
  }

  @Test
  void parse_withTls_makesTlsEndpointWithTlsDefaultPort() throws Exception {
    SSLContext context = SSLContext.getDefault();

    EngineEndpoint endpoint = EngineEndpoint.parse("tcp://docker.example", context);

    assertThat(endpoint).isEqualTo(new EngineEndpoint.Tls("docker.example", 2376, context));
    assertThat(endpoint.address()).isEqualTo("tcp://docker.example:2376");
    assertThat(endpoint.toString()).isEqualTo("Tls[tcp://docker.example:2376]");
    assertThat(EngineEndpoint.parse("unix:///x.sock", context))
        .isInstanceOf(EngineEndpoint.Unix.class);
  }

  @Test
  void parse_malformed_throwsNamingInput() {
    String[] bad = {
      "",
      "/var/run/docker.sock",
      "unix://",
      "unix://relative.sock",
      "http://host:2375",
      "ssh://me@host",
      "npipe:////./pipe/docker_engine",
      "tcp://",
      "tcp://host:0",
      "tcp://host:70000",
      "tcp://host:2375/path",
      "tcp://user@host:2375",
      "tcp://host:2375?x=1",
      "tcp://ho st:1",
      "unix:///" + "x".repeat(200)
    };
    for (String input : bad) {
      assertThatThrownBy(() -> EngineEndpoint.parse(input))
          .as(input)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("Invalid");
    }
  }

  @Test
  void parse_unsupportedScheme_saysWhatIsExpected() {
    assertThatThrownBy(() -> EngineEndpoint.parse("ssh://me@host"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.input()).isEqualTo("ssh://me@host"))
        .hasMessageContaining("expected unix:///path/to/socket or tcp://host:port");
  }

  @Test
  void fromEnvironment_unset_usesDefaultSocket() {
    assertThat(EngineEndpoint.fromEnvironment(Map.of()).address())
        .isEqualTo(EngineEndpoint.DEFAULT_HOST);
    assertThat(EngineEndpoint.fromEnvironment(Map.of("DOCKER_HOST", " ")).address())
        .isEqualTo(EngineEndpoint.DEFAULT_HOST);
  }

  @Test
  void fromEnvironment_dockerHost_isUsed() {
    assertThat(EngineEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")))
        .isEqualTo(new EngineEndpoint.Tcp("127.0.0.1", 2375));
  }

  @Test
  void fromEnvironment_tlsVerifyWithoutContext_refusesPlainTcp() {
    Map<String, String> env = Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1");

    assertThatThrownBy(() -> EngineEndpoint.fromEnvironment(env))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("DOCKER_TLS_VERIFY is set");
  }

  @Test
  void fromEnvironment_withContext_makesTls() throws Exception {
    SSLContext context = SSLContext.getDefault();
    Map<String, String> env = Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1");

    assertThat(EngineEndpoint.fromEnvironment(env, context))
        .isEqualTo(new EngineEndpoint.Tls("h", 2376, context));
  }

  @Test
  void records_rejectBadParts() {
    assertThatThrownBy(() -> new EngineEndpoint.Unix(Path.of("rel.sock")))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new EngineEndpoint.Tcp("[::1]", 1))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new EngineEndpoint.Tcp(" ", 1))
        .isInstanceOf(InvalidValueException.class);
  }
}
