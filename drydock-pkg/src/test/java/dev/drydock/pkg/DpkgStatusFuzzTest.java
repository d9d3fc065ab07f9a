package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the dpkg status parser ({@link DpkgDatabase#parse} over {@link Stanzas}): valid packages
 * or {@link PackageDatabaseException}.
 *
 * <p>Runs its seeds (in {@code DpkgStatusFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class DpkgStatusFuzzTest {
  private static final Path FILE = Path.of("fuzz-input");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    boolean installedOnly = data.consumeBoolean();
    try {
      DpkgDatabase.parse(data.consumeRemainingAsString(), FILE, "Debian:12", installedOnly);
    } catch (PackageDatabaseException expected) {
      // malformed input is reported, never thrown as anything else
    }
  }
}
