package dev.drydock.cli;

import dev.drydock.report.FailOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the CA passphrase comes from: a file, an environment variable, or a prompt. Never a
 * command-line value, which other users could read from the process list.
 */
final class PassphraseOptions {
  static final String DEFAULT_ENV = "DRYDOCK_PKI_PASSPHRASE";

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "Read the CA key passphrase from the first line of FILE.")
  @Nullable Path file;

  @Option(
      names = "--passphrase-env",
      paramLabel = "VAR",
      description =
          "Read the CA key passphrase from environment variable VAR (default: "
              + DEFAULT_ENV
              + " when set).")
  @Nullable String envVar;

  @Option(names = "--ask-passphrase", description = "Prompt for the CA key passphrase.")
  boolean ask;

  /** {@return the passphrase the options name, or null when none was asked for} */
  char @Nullable [] read(CliContext context, boolean confirm) {
    Path source = file;
    if (source != null) {
      return fromFile(source);
    }
    String name = envVar;
    if (name != null) {
      String value = context.env().get(name);
      if (value == null || value.isEmpty()) {
        throw new CliException(
            "--passphrase-env " + name + ": that environment variable is not set or empty.",
            FailOn.EXIT_USAGE);
      }
      return value.toCharArray();
    }
    if (ask) {
      return prompt(confirm);
    }
    String fallback = context.env().get(DEFAULT_ENV);
    return fallback == null || fallback.isEmpty() ? null : fallback.toCharArray();
  }

  private static char[] fromFile(Path source) {
    String first;
    try {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      first = lines.isEmpty() ? "" : lines.getFirst();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(
          "--passphrase-file "
              + source
              + ": cannot read it as UTF-8 text ("
              + Errors.message(e)
              + ").",
          FailOn.EXIT_USAGE);
    }
    if (first.startsWith("\uFEFF")) {
      first = first.substring(1); // a byte-order mark some editors write is not part of it
    }
    if (first.isEmpty()) {
      throw new CliException(
          "--passphrase-file " + source + ": the first line is empty.", FailOn.EXIT_USAGE);
    }
    return first.toCharArray();
  }

  @SuppressWarnings("SystemConsoleNull") // documented as nullable; also not a terminal in CI
  private static char[] prompt(boolean confirm) {
    var console = System.console();
    if (console == null) {
      throw new CliException(
          "--ask-passphrase needs a terminal; use --passphrase-file or --passphrase-env instead.",
          FailOn.EXIT_USAGE);
    }
    char[] first = console.readPassword("CA key passphrase: ");
    if (first == null || first.length == 0) {
      throw new CliException("No passphrase entered.", FailOn.EXIT_USAGE);
    }
    if (confirm) {
      char[] again = console.readPassword("Repeat the passphrase: ");
      if (again == null || !java.util.Arrays.equals(first, again)) {
        throw new CliException("The passphrases do not match.", FailOn.EXIT_USAGE);
      }
      java.util.Arrays.fill(again, '\0');
    }
    return first;
  }
}
