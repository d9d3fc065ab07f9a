package dev.drydock.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs external commands with a bounded run time. Output goes to temporary files rather than pipes,
 * so a chatty command can never block on a full pipe while we wait for it.
 */
final class Commands {
  /** Keep at most this much of each output stream in memory and in messages. */
  static final int MAX_OUTPUT_CHARS = 1 << 20;

  private final Map<String, String> env;

  /** Children get exactly {@code env} (plus per-call extras), not this JVM's environment. */
  Commands(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Map<String, String> env() {
    return env;
  }

  /** Runs {@code command} and requires exit code 0. */
  CommandResult run(List<String> command, Map<String, String> extraEnv, Duration timeout)
      throws CommandFailedException {
    CommandResult result = tryRun(command, extraEnv, timeout);
    if (!result.succeeded()) {
      throw new CommandFailedException(
          command, result.exitCode(), result.stderr(), "it exited with " + result.exitCode());
    }
    return result;
  }

  /** Runs {@code command} and returns whatever exit code it had; fails only on timeout. */
  CommandResult tryRun(List<String> command, Map<String, String> extraEnv, Duration timeout)
      throws CommandFailedException {
    @Nullable Path out = null;
    @Nullable Path err = null;
    try {
      out = Files.createTempFile("ddt-cmd-", ".out");
      err = Files.createTempFile("ddt-cmd-", ".err");
      ProcessBuilder builder =
          builder(command, extraEnv).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new CommandFailedException(
            command, -1, tail(err), "it did not finish within " + timeout.toSeconds() + " s");
      }
      return new CommandResult(command, process.exitValue(), tail(out), tail(err));
    } catch (IOException e) {
      throw new CommandFailedException(command, "it could not be started: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(command, "we were interrupted while waiting for it", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** {@return a process builder with this environment, for long-running processes} */
  ProcessBuilder builder(List<String> command, Map<String, String> extraEnv) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    return builder;
  }

  static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  static String tail(Path file) throws IOException {
    long size = Files.size(file);
    if (size <= MAX_OUTPUT_CHARS) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(size - MAX_OUTPUT_CHARS);
      ByteBuffer buffer = ByteBuffer.allocate(MAX_OUTPUT_CHARS);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // keep reading until the buffer is full
      }
      return "..." + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a stray temp file is harmless
      }
    }
  }
}
