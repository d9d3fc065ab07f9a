package dev.drydock.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world, injected so that tests run commands in-process
 * with their own environment, clock and streams.
 *
 * @param env the process environment
 * @param clock the wall clock
 * @param out standard output
 * @param err standard error
 * @param home the user's home directory, for defaults such as {@code ~/.drydock}
 * @param terminal true when standard output is an interactive terminal (colours, progress)
 */
record CliContext(
    Map<String, String> env,
    Clock clock,
    PrintWriter out,
    PrintWriter err,
    Path home,
    boolean terminal) {

  CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(home, "home");
  }
}
