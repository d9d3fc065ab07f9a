package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link RevocationReason#parse}: it returns a reason that its own name parses back to, or
 * throws {@link InvalidValueException}.
 *
 * <p>Runs its seeds (in {@code RevocationReasonFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class RevocationReasonFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    RevocationReason reason;
    try {
      reason = RevocationReason.parse(data.consumeRemainingAsString());
    } catch (InvalidValueException expected) {
      return;
    }
    assertThat(RevocationReason.parse(reason.name())).isSameAs(reason);
  }
}
