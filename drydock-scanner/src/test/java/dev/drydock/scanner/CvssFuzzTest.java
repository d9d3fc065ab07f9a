package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the CVSS vector parsers ({@link Cvss#score}): any string either scores between 0 and 10 or
 * is rejected with {@link InvalidValueException}.
 *
 * <p>Runs its seeds (in {@code CvssFuzzTestInputs/}) as a regular test; set {@code JAZZER_FUZZ=1}
 * to fuzz.
 */
class CvssFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void score(FuzzedDataProvider data) {
    String vector = data.consumeRemainingAsString();
    try {
      CvssScore s = Cvss.score(vector);
      assertThat(s.baseScore()).isBetween(0.0, 10.0);
      assertThat(Cvss.score(s.vector())).isEqualTo(s);
    } catch (InvalidValueException expected) {
      // rejected with a typed message
    }
  }
}
