package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parser and comparison of Alpine (apk) versions: two texts (split at the first newline)
 * compare totally and antisymmetrically, or fail with {@link InvalidVersionException} only; apk's
 * lenient comparison of any short text never fails and stays antisymmetric.
 *
 * <p>Runs its seeds (in {@code AlpineVersionFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class AlpineVersionFuzzTest {
  private static final AlpineVersionScheme SCHEME = new AlpineVersionScheme("Alpine");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void compare(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    VersionFuzzing.check(SCHEME, input);
    String[] texts = VersionFuzzing.pair(input);
    if (texts[0].length() <= VersionText.MAX_LENGTH
        && texts[1].length() <= VersionText.MAX_LENGTH) {
      int ab = SCHEME.compareLeniently(texts[0], texts[1]);
      assertThat(SCHEME.compareLeniently(texts[1], texts[0])).isEqualTo(-ab);
    }
  }
}
