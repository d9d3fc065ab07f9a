package dev.drydock.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parsing of one {@code /events} line ({@link EventCodec#parse}) with arbitrary bytes.
 * The only allowed failure is {@link ResponseFormatException}, which {@link EventStream} maps to
 * {@link EngineProtocolException}. Seeds are in {@code EventCodecFuzzTestInputs/parse/}.
 */
class EventCodecFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(byte[] line) {
    try {
      EventCodec.parse(line);
    } catch (ResponseFormatException expected) {
      // the typed failure
    }
  }
}
