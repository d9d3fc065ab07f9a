package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link EngineEndpoint#parse} ({@link EndpointParser}) with arbitrary {@code DOCKER_HOST}
 * strings: it returns an endpoint whose {@link EngineEndpoint#address()} parses back to the same
 * endpoint, or throws {@link InvalidValueException}.
 *
 * <p>Runs its seeds (in {@code EndpointParserFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class EndpointParserFuzzTest {
  private static final SSLContext TLS;

  static {
    try {
      TLS = SSLContext.getInstance("TLSv1.3");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String address = data.consumeRemainingAsString();
    roundTrip(address, null);
    roundTrip(address, TLS);
  }

  private static void roundTrip(String address, @Nullable SSLContext tls) {
    EngineEndpoint endpoint;
    try {
      endpoint = EndpointParser.parse(address, tls);
    } catch (InvalidValueException expected) {
      return;
    }
    assertThat(EndpointParser.parse(endpoint.address(), tls)).isEqualTo(endpoint);
  }
}
