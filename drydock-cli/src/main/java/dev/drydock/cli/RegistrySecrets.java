package dev.drydock.cli;

import dev.drydock.registry.PasswordHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --password-stdin} and {@code --password-file}: where a new password comes from. Never on
 * the command line, where process lists and shell histories would show it. With neither, a secret
 * is generated and printed once.
 */
final class RegistrySecrets {
  /** The shortest password accepted for a user. */
  static final int MIN_LENGTH = 12;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of standard input.")
  boolean stdin;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the password from the first line of FILE.")
  @Nullable Path file;

  /**
   * A password, and whether it was generated (and so must be shown once). Not a record: it never
   * prints its value.
   */
  static final class Secret {
    private final String value;
    private final boolean generated;

    Secret(String value, boolean generated) {
      this.value = value;
      this.generated = generated;
    }

    String value() {
      return value;
    }

    boolean generated() {
      return generated;
    }

    @Override
    public String toString() {
      return "Secret[redacted]";
    }
  }

  /** {@return the password given, or a generated one} */
  Secret read(InputStream in) {
    if (stdin && file != null) {
      throw RegistryAdmin.usage("Give --password-stdin or --password-file, not both.");
    }
    String value;
    if (stdin) {
      value = firstLine(in, "standard input");
    } else if (file != null) {
      try {
        value = firstLine(Files.newInputStream(file), file.toString());
      } catch (IOException e) {
        throw RegistryAdmin.usage("Cannot read --password-file " + file + ": " + Errors.message(e));
      }
    } else {
      return new Secret(PasswordHasher.generateSecret(), true);
    }
    if (value.length() < MIN_LENGTH) {
      throw RegistryAdmin.usage(
          "The password is shorter than "
              + MIN_LENGTH
              + " characters: choose a longer one, or give no --password-* option to have one"
              + " generated.");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      throw RegistryAdmin.usage(
          "The password is longer than " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes.");
    }
    return new Secret(value, false);
  }

  private static String firstLine(InputStream in, String source) {
    // Bounded: a password line longer than the hasher accepts is refused, not read to the end.
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      for (int c = reader.read(); c >= 0 && c != '\n'; c = reader.read()) {
        if (line.length() > PasswordHasher.MAX_PASSWORD_BYTES) {
          break;
        }
        line.append((char) c);
      }
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        line.setLength(end - 1);
      }
      return line.toString();
    } catch (IOException e) {
      throw RegistryAdmin.usage("Cannot read the password from " + source + ": " + e.getMessage());
    }
  }
}
