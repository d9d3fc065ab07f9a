package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link SubjectAltName#parse}: it returns a name whose {@code toString()} parses back to
 * the same name, or throws {@link InvalidValueException}.
 *
 * <p>Runs its seeds (in {@code SubjectAltNameFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class SubjectAltNameFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    SubjectAltName name;
    try {
      name = SubjectAltName.parse(data.consumeRemainingAsString());
    } catch (InvalidValueException expected) {
      return;
    }
    assertThat(SubjectAltName.parse(name.toString())).isEqualTo(name);
  }
}
