package dev.drydock.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with its own environment and captured streams. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path home, Map<String, String> env, Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            env, clock, new PrintWriter(out, true), new PrintWriter(err, true), home, false);
    int code = Drydock.run(context, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(Path home, String... args) {
    return run(home, new HashMap<>(), Clock.systemUTC(), args);
  }

  /** {@return the arguments with {@code --data DIR} appended} */
  static String[] withData(Path data, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data");
    all.add(data.toString());
    return all.toArray(String[]::new);
  }
}
