package dev.drydock.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the npm dialect of {@link SemVerScheme} with node-semver itself ({@code
 * semver.valid}/{@code semver.compare}) on generated texts (fixed seed): pre-releases, build
 * metadata, a leading {@code v}, surrounding spaces, leading zeros, numbers around 2^53, and
 * malformed texts, which both must reject. All pairs go to one node process. Requires node with
 * node-semver (Debian packages {@code nodejs} and {@code node-semver}; the copy bundled with npm
 * also works).
 */
class NpmVersionIT {
  private static final int PAIRS = 3000;
  private static final String[] NUMBERS = {
    "0", "1", "2", "10", "01", "9007199254740991", "9007199254740992", "99999999999999999999"
  };
  private static final String[] IDENTIFIERS = {
    "alpha",
    "beta",
    "rc",
    "0",
    "1",
    "2",
    "10",
    "01",
    "a1",
    "1a",
    "A",
    "Z",
    "-",
    "x-y",
    "9007199254740993",
    ""
  };
  private static final String[] NOISE = {"", "", "", "", "", " ", "=", ".", "-", "+", "v", "V"};

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  static String generate(Random random) {
    StringBuilder b = new StringBuilder();
    b.append(random.nextInt(6) == 0 ? "v" : "");
    b.append(random.nextInt(5)).append('.').append(random.nextInt(3)).append('.');
    b.append(random.nextInt(8) == 0 ? pick(random, NUMBERS) : Integer.toString(random.nextInt(3)));
    if (random.nextInt(5) < 2) {
      b.append('-').append(pick(random, IDENTIFIERS));
      for (int i = random.nextInt(3); i > 0; i--) {
        b.append('.').append(pick(random, IDENTIFIERS));
      }
    }
    if (random.nextInt(5) == 0) {
      b.append('+').append(pick(random, IDENTIFIERS));
    }
    b.append(pick(random, NOISE));
    return b.toString();
  }

  private static final String SCRIPT =
      """
      let semver = null;
      for (const p of ['semver', '/usr/share/nodejs/semver',
          '/usr/lib/node_modules/npm/node_modules/semver',
          '/usr/share/nodejs/npm/node_modules/semver']) {
        try { semver = require(p); break; } catch (e) { }
      }
      if (semver === null) { process.exit(3); }
      const lines = require('fs').readFileSync(0, 'utf8').split('\\n');
      const out = [];
      for (const line of lines) {
        if (line === '') continue;
        const [a, b] = line.split('\\t');
        out.push(semver.valid(a) && semver.valid(b) ? String(semver.compare(a, b)) : 'invalid');
      }
      console.log(out.join('\\n'));
      """;

  @Test
  void agreesWithNodeSemver() throws Exception {
    VersionToolProcess.require("node", "nodejs node-semver");
    VersionScheme scheme = VersionSchemes.forEcosystem("npm");
    Random random = new Random(42);
    List<String[]> pairs = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < PAIRS; i++) {
      String a = generate(random);
      String b =
          switch (random.nextInt(6)) {
            case 0 -> a;
            case 1 -> a + "+build.1";
            default -> generate(random);
          };
      pairs.add(new String[] {a, b});
      input.append(a).append('\t').append(b).append('\n');
    }
    VersionToolProcess.Result result =
        VersionToolProcess.run(List.of("node", "-e", SCRIPT), input.toString());
    assertThat(result.exitCode())
        .as("node with node-semver (apt-get install -y node-semver)")
        .isZero();
    VersionToolProcess.assertAgrees(scheme, pairs, result.stdout().lines().toList(), "node-semver");
  }
}
