package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link RpmHeader#parse} and the package built from it: bounded, and only {@link
 * PackageDatabaseException} on bad blobs.
 *
 * <p>Runs its seeds (in {@code RpmHeaderFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class RpmHeaderFuzzTest {
  private static final Path FILE = Path.of("fuzz-input");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    try {
      RpmHeader h = RpmHeader.parse(data.consumeRemainingAsBytes(), FILE, "fuzz");
      RpmDatabase.toPackage(h, FILE, "fuzz", "Red Hat");
    } catch (PackageDatabaseException expected) {
      // malformed input is reported, never thrown as anything else
    }
  }
}
