package dev.drydock.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the decoding of Engine API JSON bodies ({@link Json}, {@link GetInfo}, {@link GetVersion},
 * {@link ListContainers}, {@link InspectContainer}, {@link ListImages}, {@link InspectImage},
 * {@link GetImageHistory}, {@link ListNetworks}, {@link TopContainer}) with arbitrary bytes. The
 * only allowed failure is {@link ResponseFormatException}, which {@link EngineCaller} maps to
 * {@link EngineProtocolException}.
 *
 * <p>Runs its seeds (in {@code JsonFuzzTestInputs/}) as a regular test; set {@code JAZZER_FUZZ=1}
 * to fuzz, see docs/development.md.
 */
class JsonFuzzTest {
  /** A {@code GET /info} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void info(byte[] body) {
    decode(new GetInfo(), body);
  }

  /** A {@code GET /version} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void version(byte[] body) {
    decode(new GetVersion(), body);
  }

  /** A {@code GET /containers/json} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void containers(byte[] body) {
    decode(new ListContainers(true), body);
  }

  /** A {@code GET /containers/{id}/json} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void container(byte[] body) {
    decode(new InspectContainer("fuzz"), body);
  }

  /** A {@code GET /images/json} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void images(byte[] body) {
    decode(new ListImages(), body);
  }

  /** A {@code GET /images/{name}/json} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void image(byte[] body) {
    decode(new InspectImage("fuzz"), body);
  }

  /** A {@code GET /images/{name}/history} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void history(byte[] body) {
    decode(new GetImageHistory("fuzz"), body);
  }

  /** A {@code GET /networks} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void networks(byte[] body) {
    decode(new ListNetworks(), body);
  }

  /** A {@code GET /containers/{id}/top} body. */
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void top(byte[] body) {
    decode(new TopContainer("fuzz"), body);
  }

  private static void decode(EngineAction<?> action, byte[] body) {
    try {
      action.handle(new Response(200, new Headers(), body));
    } catch (ResponseFormatException expected) {
      // the typed failure
    }
  }
}
