package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parser and comparison of Maven versions: two texts (split at the first newline)
 * compare totally and antisymmetrically, or fail with {@link InvalidVersionException} only.
 *
 * <p>Runs its seeds (in {@code MavenVersionFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class MavenVersionFuzzTest {
  private static final VersionScheme SCHEME = VersionSchemes.forEcosystem("Maven");

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void compare(FuzzedDataProvider data) {
    VersionFuzzing.check(SCHEME, data.consumeRemainingAsString());
  }
}
