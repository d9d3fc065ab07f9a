package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link DebianVersionScheme} with the real {@code dpkg --compare-versions} on generated
 * version pairs (fixed seed, so every run checks the same pairs): epochs, tildes, letters against
 * non-letters, leading zeros, revisions, and near-identical pairs. Requires dpkg (Debian package
 * {@code dpkg}).
 */
class DpkgVersionIT {
  private static final int PAIRS = 400;
  private static final String[] UPSTREAM = {
    "0", "1", "2", "9", "10", "01", "007", ".", ".", "+", "~", "~~", "a", "b", "z", "A", "dfsg", "-"
  };
  private static final String[] REVISION = {
    "0", "1", "2", "10", "01", ".", "+", "~", "a", "deb12u", "ubuntu", "bpo", "build"
  };

  static String generate(Random random) {
    StringBuilder b = new StringBuilder();
    if (random.nextInt(5) == 0) {
      b.append(random.nextInt(4)).append(':');
    }
    b.append(random.nextInt(12));
    int upstreamTokens = random.nextInt(5);
    boolean revision = random.nextInt(10) < 6;
    for (int i = 0; i < upstreamTokens; i++) {
      String t = UPSTREAM[random.nextInt(UPSTREAM.length)];
      if (t.equals("-") && !revision) {
        t = ".";
      }
      b.append(t);
    }
    if (revision) {
      b.append('-').append(REVISION[random.nextInt(REVISION.length)]);
      for (int i = random.nextInt(4); i > 0; i--) {
        b.append(REVISION[random.nextInt(REVISION.length)]);
      }
    }
    return b.toString();
  }

  static String mutate(Random random, String version) {
    return switch (random.nextInt(4)) {
      case 0 -> version + "~";
      case 1 -> version + (version.contains("-") ? "+b1" : ".0");
      case 2 -> version.replaceFirst("1", "01");
      default -> version + "a";
    };
  }

  @Test
  void agreesWithDpkg() throws Exception {
    VersionToolProcess.require("dpkg", "dpkg");
    DebianVersionScheme scheme = new DebianVersionScheme("Debian");
    Random random = new Random(42);
    List<String> disagreements = new ArrayList<>();
    int[] outcomes = new int[3];
    for (int i = 0; i < PAIRS; i++) {
      String a = generate(random);
      String b = random.nextInt(3) == 0 ? mutate(random, a) : generate(random);
      assertThat(scheme.isValid(a)).as(a).isTrue();
      assertThat(scheme.isValid(b)).as(b).isTrue();
      int dpkg = dpkgCompare(a, b);
      int ours = scheme.compare(a, b);
      outcomes[ours + 1]++;
      if (dpkg != ours) {
        disagreements.add(a + " vs " + b + ": dpkg " + dpkg + ", ours " + ours);
      }
    }
    assertThat(disagreements).isEmpty();
    // The generator must produce every outcome often, or the agreement proves little.
    assertThat(java.util.Arrays.stream(outcomes).min().orElse(0))
        .as("outcomes %s", java.util.Arrays.toString(outcomes))
        .isGreaterThan(PAIRS / 50);
  }

  private static int dpkgCompare(String a, String b) throws Exception {
    if (VersionToolProcess.run(List.of("dpkg", "--compare-versions", a, "lt", b)).exitCode() == 0) {
      return -1;
    }
    return VersionToolProcess.run(List.of("dpkg", "--compare-versions", a, "eq", b)).exitCode() == 0
        ? 0
        : 1;
  }
}
