package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link PypiVersionScheme} with Python's {@code packaging} library (the reference
 * implementation of PEP 440 used by pip) on generated texts (fixed seed): epochs, every pre-, post-
 * and dev-release spelling and separator, implicit numbers, local labels, case, and malformed
 * texts, which both must reject. All pairs go to one Python process. Requires python3 with
 * packaging (Debian package {@code python3-packaging}).
 */
class PypiVersionIT {
  private static final int PAIRS = 3000;
  private static final String[] NUMBERS = {
    "0", "1", "2", "10", "01", "00", "999999999999999999999"
  };
  private static final String[] SEPARATORS = {"", ".", "-", "_"};
  private static final String[] PRE = {
    "a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "RC"
  };
  private static final String[] POST = {"post", "rev", "r", "POST"};
  private static final String[] LOCAL = {"ubuntu", "1", "abc.5", "a-b_c", "0.x", "ABC", "", "a..b"};
  private static final String[] NOISE = {
    "", "", "", "", ".", "-", "+", "!", "x", " ", ".dev.", "_"
  };

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  static String generate(Random random) {
    StringBuilder b = new StringBuilder();
    if (random.nextInt(10) == 0) {
      b.append(random.nextBoolean() ? "v" : "V");
    }
    if (random.nextInt(7) == 0) {
      b.append(pick(random, NUMBERS)).append('!');
    }
    b.append(pick(random, NUMBERS));
    for (int i = random.nextInt(4); i > 0; i--) {
      b.append('.').append(pick(random, NUMBERS));
    }
    if (random.nextInt(5) < 2) {
      b.append(pick(random, SEPARATORS)).append(pick(random, PRE)).append(pick(random, SEPARATORS));
      b.append(random.nextBoolean() ? pick(random, NUMBERS) : "");
    }
    if (random.nextInt(5) < 2) {
      if (random.nextBoolean()) {
        b.append('-').append(pick(random, NUMBERS));
      } else {
        b.append(pick(random, SEPARATORS))
            .append(pick(random, POST))
            .append(pick(random, SEPARATORS));
        b.append(random.nextBoolean() ? pick(random, NUMBERS) : "");
      }
    }
    if (random.nextInt(5) < 2) {
      b.append(pick(random, SEPARATORS)).append("dev").append(pick(random, SEPARATORS));
      b.append(random.nextBoolean() ? pick(random, NUMBERS) : "");
    }
    if (random.nextInt(4) == 0) {
      b.append('+').append(pick(random, LOCAL));
    }
    b.append(pick(random, NOISE));
    return b.toString();
  }

  private static final String SCRIPT =
      """
      import sys
      from packaging.version import Version, InvalidVersion
      def parse(v):
          try:
              return Version(v)
          except InvalidVersion:
              return None
      for line in sys.stdin.read().split("\\n"):
          if not line:
              continue
          a, b = line.split("\\t")
          va, vb = parse(a), parse(b)
          if va is None or vb is None:
              print("invalid")
          else:
              print((va > vb) - (va < vb))
      """;

  @Test
  void agreesWithPythonPackaging() throws Exception {
    VersionToolProcess.require("python3", "python3-packaging");
    PypiVersionScheme scheme = new PypiVersionScheme();
    Random random = new Random(42);
    List<String[]> pairs = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < PAIRS; i++) {
      String a = generate(random);
      String b = random.nextInt(4) == 0 ? a.toUpperCase(java.util.Locale.ROOT) : generate(random);
      pairs.add(new String[] {a, b});
      input.append(a).append('\t').append(b).append('\n');
    }
    VersionToolProcess.Result result =
        VersionToolProcess.run(List.of("python3", "-c", SCRIPT), input.toString());
    assertThat(result.exitCode())
        .as("python3 with the packaging module (apt-get install -y python3-packaging)")
        .isZero();
    VersionToolProcess.assertAgrees(scheme, pairs, result.stdout().lines().toList(), "packaging");
  }
}
