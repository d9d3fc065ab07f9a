package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link Lz4Frame#decode}: output stays under the cap; bad frames throw {@link
 * PackageDatabaseException}.
 *
 * <p>Runs its seeds (in {@code Lz4FrameFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class Lz4FrameFuzzTest {
  private static final Path FILE = Path.of("fuzz-input");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void decode(FuzzedDataProvider data) {
    try {
      byte[] out = Lz4Frame.decode(data.consumeRemainingAsBytes(), 1 << 20, FILE);
      if (out.length > 1 << 20) {
        throw new AssertionError("cap exceeded");
      }
    } catch (PackageDatabaseException expected) {
      // malformed input is reported, never thrown as anything else
    }
  }
}
