package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link OsRelease#parse}: any text parses or throws {@link PackageDatabaseException}; a
 * parsed release always yields an OSV ecosystem.
 *
 * <p>Runs its seeds (in {@code OsReleaseFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class OsReleaseFuzzTest {
  private static final Path FILE = Path.of("fuzz-input");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    try {
      OsRelease os = OsRelease.parse(data.consumeRemainingAsString(), FILE);
      if (os.osvEcosystem().isBlank() || os.id().isBlank()) {
        throw new AssertionError("blank ecosystem or id");
      }
    } catch (PackageDatabaseException expected) {
      // malformed input is reported, never thrown as anything else
    }
  }
}
