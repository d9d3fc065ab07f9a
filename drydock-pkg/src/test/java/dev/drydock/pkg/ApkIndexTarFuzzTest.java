package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the tar reader of apk index caches ({@link ApkIndexes#untar}).
 *
 * <p>Runs its seeds (in {@code ApkIndexTarFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class ApkIndexTarFuzzTest {
  private static final Path FILE = Path.of("fuzz-input");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void untar(FuzzedDataProvider data) {
    try {
      ApkIndexes.untar(data.consumeRemainingAsBytes(), FILE);
    } catch (PackageDatabaseException expected) {
      // malformed input is reported, never thrown as anything else
    }
  }
}
