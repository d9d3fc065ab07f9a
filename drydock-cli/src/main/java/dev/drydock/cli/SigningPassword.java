package dev.drydock.cli;

import dev.drydock.report.FailOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a signing key's password comes from: {@code --password-file}, else the environment variable
 * {@code DRYDOCK_KEY_PASSWORD}, else a prompt on the terminal. Never a command-line value, which
 * other users could read from the process list. An empty password is allowed (cosign allows it) but
 * only from a file or the variable, never by accident at a prompt.
 */
final class SigningPassword {
  static final String ENV = "DRYDOCK_KEY_PASSWORD";

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the signing key's password from the first line of FILE (default: $"
              + ENV
              + ", else a prompt).")
  @Nullable Path file;

  /** {@return the password; the caller wipes it} */
  char[] read(CliContext context, boolean confirm) {
    Path source = file;
    if (source != null) {
      return fromFile(source);
    }
    String value = context.env().get(ENV);
    if (value != null) {
      return value.toCharArray();
    }
    return prompt(confirm);
  }

  private static char[] fromFile(Path source) {
    try {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      String first = lines.isEmpty() ? "" : lines.getFirst();
      if (first.startsWith("\uFEFF")) {
        first = first.substring(1); // a byte-order mark some editors write is not part of it
      }
      return first.toCharArray();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(
          "--password-file "
              + source
              + ": cannot read it as UTF-8 text ("
              + Errors.message(e)
              + ").",
          FailOn.EXIT_USAGE);
    }
  }

  @SuppressWarnings("SystemConsoleNull") // documented as nullable; also not a terminal in CI
  private static char[] prompt(boolean confirm) {
    var console = System.console();
    if (console == null) {
      throw new CliException(
          "No password for the signing key: give --password-file FILE or set "
              + ENV
              + " (there is no terminal to ask on).",
          FailOn.EXIT_USAGE);
    }
    char[] first = console.readPassword("Signing key password: ");
    if (first == null || first.length == 0) {
      throw new CliException("No password entered.", FailOn.EXIT_USAGE);
    }
    if (confirm) {
      char[] again = console.readPassword("Repeat the password: ");
      boolean same = again != null && Arrays.equals(first, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new CliException("The passwords do not match.", FailOn.EXIT_USAGE);
      }
    }
    return first;
  }
}
