package dev.drydock.pki;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real peers (openssl, docker) for integration tests, always bounded by a timeout. */
final class Processes {
  /** What a finished process printed (stdout and stderr together) and how it exited. */
  record Result(int exitCode, String output) {}

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Processes() {}

  static Result run(Path workDir, String stdin, List<String> command) throws Exception {
    return run(workDir, stdin, Map.of(), command);
  }

  /** Runs {@code command}, feeds it {@code stdin}, and kills it if it outlives the timeout. */
  static Result run(Path workDir, String stdin, Map<String, String> env, List<String> command)
      throws Exception {
    Path output = Files.createTempFile(workDir, "process", ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the process may exit before reading its input; its output says why
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError(
            command + " did not finish within " + TIMEOUT + ":\n" + Files.readString(output));
      }
      return new Result(process.exitValue(), Files.readString(output));
    } finally {
      stop(process);
    }
  }

  /** Asks {@code process} to stop, then kills it if it has not within ten seconds. */
  static void stop(Process process) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** {@return whether {@code program} is on the PATH} */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
