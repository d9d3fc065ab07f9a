package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link OsvCodec#parse} with arbitrary bytes: it returns a record that survives a write and
 * re-read unchanged, or throws {@link OsvFormatException}; nothing else escapes.
 *
 * <p>Runs its seeds (in {@code OsvCodecFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class OsvCodecFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    byte[] json = data.consumeRemainingAsBytes();
    OsvRecord r;
    try {
      r = OsvCodec.parse(json, "fuzz.json");
    } catch (OsvFormatException expected) {
      return;
    }
    try {
      assertThat(OsvCodec.parse(OsvCodec.write(r), "rewritten")).isEqualTo(r);
    } catch (OsvFormatException e) {
      throw new AssertionError("written record does not parse back", e);
    }
    OsvCodec.peek(json);
  }
}
