package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link MavenVersionScheme} with Maven's own {@code ComparableVersion} (maven-artifact
 * 3.9.9, a test dependency) on generated versions built from the pieces that matter: numbers with
 * and without leading zeros, every known qualifier and alias, unknown qualifiers, both separators,
 * letter/digit transitions, and empty items.
 */
class MavenDifferentialTest {
  private static final String[] PIECES = {
    "0",
    "1",
    "2",
    "9",
    "10",
    "00",
    "01",
    "1234567890",
    "12345678901234567890",
    "a",
    "b",
    "m",
    "alpha",
    "beta",
    "milestone",
    "rc",
    "cr",
    "snapshot",
    "ga",
    "final",
    "release",
    "sp",
    "x",
    "jre",
    "android",
    "RELEASE",
    "Final",
    "SNAPSHOT",
    "RC",
    "foo",
    ""
  };
  private static final String[] SEPARATORS = {".", "-", "", ".", "-"};

  private static String generate(Random random) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + random.nextInt(6);
    for (int i = 0; i < parts; i++) {
      if (i > 0) {
        b.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      }
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.isEmpty() ? "1" : b.toString();
  }

  @Test
  void agreesWithComparableVersionOnGeneratedPairs() {
    Random random = new Random(20261204L);
    MavenVersionScheme scheme = new MavenVersionScheme();
    List<String> disagreements = new ArrayList<>();
    int pairs = 20_000;
    for (int i = 0; i < pairs; i++) {
      String a = generate(random);
      String b = random.nextInt(4) == 0 ? a.toUpperCase(java.util.Locale.ROOT) : generate(random);
      int expected = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
      int actual = scheme.compare(a, b);
      if (expected != actual) {
        disagreements.add(a + " vs " + b + ": maven " + expected + ", ours " + actual);
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
