package dev.drydock.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** Process entry point: builds the real context and exits with the command's exit code. */
public final class Main {
  private Main() {}

  /** $HOME as shells and other CLIs use it; the JVM's user.home comes from the password file. */
  static Path home(java.util.Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
  }

  /** True when file descriptor 2 is a terminal device (Linux: /proc/self/fd/2 names a tty). */
  static boolean stderrIsTerminal() {
    try {
      String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Runs {@code drydock} with the process's arguments, environment and standard streams.
   *
   * @param args the command line
   */
  // The null check stays: the JDK still documents that console() may return null.
  @SuppressWarnings("SystemConsoleNull")
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    var console = System.console();
    // Colours go to stdout and progress to stderr: both must be a terminal, so that
    // `drydock scan x 2>log` keeps progress bars out of the log.
    boolean terminal = console != null && console.isTerminal() && stderrIsTerminal();
    CliContext context =
        new CliContext(
            System.getenv(), Clock.systemUTC(), out, err, home(System.getenv()), terminal);
    Logging.configure(false);
    int code = Drydock.run(context, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
