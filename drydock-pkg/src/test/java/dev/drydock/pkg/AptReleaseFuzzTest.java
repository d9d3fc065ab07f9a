package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the InRelease reader ({@link AptLists#stripSignature} then {@link AptLists#suite}) through
 * a temporary file.
 *
 * <p>Runs its seeds (in {@code AptReleaseFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class AptReleaseFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void suite(FuzzedDataProvider data) {
    try {
      Path file = java.nio.file.Files.createTempFile("drydock-fuzz", "_InRelease");
      try {
        java.nio.file.Files.write(file, data.consumeRemainingAsBytes());
        AptLists.suite(file, "prefix");
      } finally {
        java.nio.file.Files.delete(file);
      }
    } catch (PackageDatabaseException expected) {
      // malformed input is reported, never thrown as anything else
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
