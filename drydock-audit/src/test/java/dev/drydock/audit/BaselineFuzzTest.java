package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link AuditJson#readBaseline} (a user-given file): it returns a baseline whose scores
 * came from the input, or throws {@link AuditException}; nothing else.
 *
 * <p>Runs its seeds (in {@code BaselineFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class BaselineFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void readBaseline(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      Baseline b = AuditJson.readBaseline("fuzz.json", bytes);
      assertThat(b.finished()).isNotNull();
      assertThat(b.areas().keySet()).doesNotContainNull();
    } catch (AuditException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz.json");
    }
  }
}
