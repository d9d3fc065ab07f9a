package dev.drydock.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an ecosystem's own version tool (dpkg, rpm) for the integration tests, with a timeout. */
final class VersionToolProcess {
  private VersionToolProcess() {}

  /** The outcome of one run. */
  record Result(int exitCode, String stdout) {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, "");
  }

  static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command.get(0));
    }
    return new Result(process.exitValue(), out);
  }

  /** Fails with a message naming the Debian package to install when the tool is missing. */
  static void require(String tool, String debianPackage) throws InterruptedException {
    try {
      run(List.of(tool, "--version"));
    } catch (IOException e) {
      throw new AssertionError(
          "'" + tool + "' is required by this test: apt-get install -y " + debianPackage, e);
    }
  }

  /**
   * Asserts that {@code scheme} gives the tool's answer ({@code -1}, {@code 0}, {@code 1} or {@code
   * invalid}) for every pair, and that the pairs produce every outcome often, or the agreement
   * proves little.
   */
  static void assertAgrees(
      VersionScheme scheme, List<String[]> pairs, List<String> answers, String tool) {
    org.assertj.core.api.Assertions.assertThat(answers).hasSameSizeAs(pairs);
    List<String> disagreements = new java.util.ArrayList<>();
    int[] outcomes = new int[4];
    for (int i = 0; i < pairs.size(); i++) {
      String a = pairs.get(i)[0];
      String b = pairs.get(i)[1];
      String ours =
          scheme.isValid(a) && scheme.isValid(b)
              ? Integer.toString(scheme.compare(a, b))
              : "invalid";
      outcomes[ours.equals("invalid") ? 3 : Integer.parseInt(ours) + 1]++;
      if (!ours.equals(answers.get(i))) {
        disagreements.add(
            "'" + a + "' vs '" + b + "': " + tool + " " + answers.get(i) + ", ours " + ours);
      }
    }
    org.assertj.core.api.Assertions.assertThat(disagreements).isEmpty();
    org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(outcomes).min().orElse(0))
        .as("outcomes %s", java.util.Arrays.toString(outcomes))
        .isGreaterThan(pairs.size() / 50);
  }
}
