package dev.drydock.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real client tools (skopeo, docker) with a timeout and captures their output. */
final class Tools {
  private Tools() {}

  /** What a tool printed and returned. */
  record Result(int exitCode, String output) {}

  static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "tool", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in 5 minutes");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  static String ok(Path workDir, String... command) throws IOException, InterruptedException {
    Result r = run(workDir, List.of(command));
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + r.output());
    }
    return r.output();
  }
}
