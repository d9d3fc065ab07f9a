package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link RpmVersionScheme} with rpm's own comparison ({@code rpm.vercmp} through {@code
 * rpm --eval} and its embedded Lua, which parses {@code [epoch:]version[-release]}) on generated
 * pairs (fixed seed): epochs, {@code ~} and {@code ^}, letters, separators, leading zeros, present
 * and missing releases. All pairs go to one rpm process. Requires rpm (Debian package {@code rpm}).
 */
class RpmVersionIT {
  private static final int PAIRS = 600;
  private static final String[] TOKENS = {
    "0", "1", "2", "10", "01", "a", "b", "rc", "git", ".", ".", "_", "+", "~", "^", "el9", "fc38"
  };

  static String generate(Random random) {
    StringBuilder b = new StringBuilder();
    if (random.nextInt(5) == 0) {
      b.append(random.nextInt(3)).append(':');
    }
    b.append(random.nextInt(12));
    for (int i = random.nextInt(5); i > 0; i--) {
      b.append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    if (random.nextInt(10) < 7) {
      b.append('-').append(random.nextInt(30));
      for (int i = random.nextInt(3); i > 0; i--) {
        b.append(TOKENS[random.nextInt(TOKENS.length)]);
      }
    }
    return b.toString();
  }

  static String mutate(Random random, String version) {
    return switch (random.nextInt(5)) {
      case 0 -> version + "~rc1";
      case 1 -> version + "^git1";
      case 2 -> version.contains("-") ? version.substring(0, version.indexOf('-')) : version + "-1";
      case 3 -> version.replaceFirst("1", "01");
      default -> version + ".0";
    };
  }

  @Test
  void agreesWithRpm() throws Exception {
    VersionToolProcess.require("rpm", "rpm");
    RpmVersionScheme scheme = new RpmVersionScheme("Red Hat");
    Random random = new Random(42);
    List<String[]> pairs = new ArrayList<>();
    StringBuilder lua = new StringBuilder("%{lua: ");
    for (int i = 0; i < PAIRS; i++) {
      String a = generate(random);
      String b = random.nextInt(3) == 0 ? mutate(random, a) : generate(random);
      assertThat(scheme.isValid(a)).as(a).isTrue();
      assertThat(scheme.isValid(b)).as(b).isTrue();
      pairs.add(new String[] {a, b});
      // The generated texts hold no quotes or backslashes, so they are safe in Lua strings.
      lua.append("print(rpm.vercmp(\"").append(a).append("\",\"").append(b).append("\")..\";\") ");
    }
    lua.append('}');
    VersionToolProcess.Result result =
        VersionToolProcess.run(List.of("rpm", "--eval", lua.toString()));
    assertThat(result.exitCode()).isZero();
    // rpm's Lua print() adds no line break, so each answer ends with ';'.
    List<String> answers =
        java.util.Arrays.stream(result.stdout().strip().split(";", -1))
            .filter(s -> !s.isBlank())
            .toList();
    assertThat(answers).hasSize(PAIRS);
    List<String> disagreements = new ArrayList<>();
    int[] outcomes = new int[3];
    for (int i = 0; i < PAIRS; i++) {
      String a = pairs.get(i)[0];
      String b = pairs.get(i)[1];
      int rpm = Integer.parseInt(answers.get(i).trim());
      int ours = scheme.compare(a, b);
      outcomes[ours + 1]++;
      if (rpm != ours) {
        disagreements.add(a + " vs " + b + ": rpm " + rpm + ", ours " + ours);
      }
    }
    assertThat(disagreements).isEmpty();
    // The generator must produce every outcome often, or the agreement proves little.
    assertThat(java.util.Arrays.stream(outcomes).min().orElse(0))
        .as("outcomes %s", java.util.Arrays.toString(outcomes))
        .isGreaterThan(PAIRS / 50);
  }
}
