package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link SerialNumber#parse}: it returns a serial whose {@link SerialNumber#hex()} parses
 * back to the same serial, or throws {@link InvalidValueException}.
 *
 * <p>Runs its seeds (in {@code SerialNumberFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class SerialNumberFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    SerialNumber serial;
    try {
      serial = SerialNumber.parse(data.consumeRemainingAsString());
    } catch (InvalidValueException expected) {
      return;
    }
    assertThat(serial.hex()).matches("[0-9A-F]{1,40}");
    assertThat(SerialNumber.parse(serial.hex())).isEqualTo(serial);
  }
}
