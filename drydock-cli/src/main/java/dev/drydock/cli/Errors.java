package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.report.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns any failure into one line on standard error and an exit code: the message names the input
 * and says what to do; the stack trace appears only with {@code --debug}.
 */
final class Errors {
  private Errors() {}

  static int report(Exception ex, PrintWriter err, boolean debug) {
    Throwable cause = unwrap(ex);
    int code = cause instanceof IllegalArgumentException ? FailOn.EXIT_USAGE : FailOn.EXIT_ERROR;
    if (cause instanceof CliException cli) {
      code = cli.exitCode();
    }
    err.println("drydock: " + Printable.clean(message(cause)));
    if (debug) {
      cause.printStackTrace(err);
    } else if (isBug(cause)) {
      err.println("drydock: this looks like a bug; rerun with --debug and report the stack trace.");
    }
    err.flush();
    return code;
  }

  static int usage(CommandLine.ParameterException ex, PrintWriter err) {
    CommandLine cmd = ex.getCommandLine();
    err.println("drydock: " + Printable.clean(String.valueOf(ex.getMessage())));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return FailOn.EXIT_USAGE;
  }

  static String message(Throwable t) {
    String m = t.getMessage();
    return switch (t) {
      case NoSuchFileException e -> "No such file or directory: " + e.getFile() + ".";
      case AccessDeniedException e ->
          "Permission denied: "
              + e.getFile()
              + ". Run as a user who may read it, or fix its permissions.";
      case FileAlreadyExistsException e ->
          "Already exists: " + e.getFile() + ". Remove it or choose another path.";
      default -> m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    };
  }

  private static boolean isBug(Throwable t) {
    return !(t instanceof IOException
        || t instanceof IllegalArgumentException
        || t instanceof CliException
        || t.getClass().getPackageName().startsWith("dev.drydock"));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof UncheckedIOException
            || current instanceof CommandLine.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
