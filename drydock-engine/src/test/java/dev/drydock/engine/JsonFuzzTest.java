package dev.drydock.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the decoding of Engine API JSON bodies ({@link Json}, {@link GetInfo}, {@link GetVersion})
 * with arbitrary bytes. The only allowed failure is {@link ResponseFormatException}, which {@link
 * EngineCaller} maps to {@link EngineProtocolException}.
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

  private static void decode(EngineAction<?> action, byte[] body) {
    try {
      action.handle(new Response(200, new Headers(), body));
    } catch (ResponseFormatException expected) {
      // the typed failure
    }
  }
}
