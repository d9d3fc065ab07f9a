package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the trust policy parser (YAML): it returns a policy or throws {@link PolicyException},
 * within the time limit even for alias bombs and deep nesting.
 *
 * <p>Runs its seeds (in {@code TrustPolicyFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class TrustPolicyFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(byte[] yaml) {
    try {
      assertThat(TrustPolicy.parse("fuzz", yaml, List.of(), Clock.systemUTC())).isNotNull();
    } catch (PolicyException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz");
    }
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void glob(@Nullable String pattern) {
    if (pattern == null) {
      return;
    }
    try {
      assertThat(TrustPolicy.glob("fuzz", pattern)).isNotNull();
    } catch (PolicyException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz");
    }
  }
}
