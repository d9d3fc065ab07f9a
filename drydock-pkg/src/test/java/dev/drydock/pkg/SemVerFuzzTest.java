package dev.drydock.pkg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parser and comparison of semantic versions in every dialect (npm, Go, crates.io, plain
 * SemVer): two texts (split at the first newline) compare totally and antisymmetrically, or fail
 * with {@link InvalidVersionException} only.
 *
 * <p>Runs its seeds (in {@code SemVerFuzzTestInputs/}) as a regular test; set {@code JAZZER_FUZZ=1}
 * to fuzz, see docs/development.md.
 */
class SemVerFuzzTest {
  private static final VersionScheme[] SCHEMES = {
    VersionSchemes.forEcosystem("npm"),
    VersionSchemes.forEcosystem("Go"),
    VersionSchemes.forEcosystem("crates.io"),
    VersionSchemes.semver()
  };

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void compare(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    for (VersionScheme scheme : SCHEMES) {
      VersionFuzzing.check(scheme, input);
    }
  }
}
