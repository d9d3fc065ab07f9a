package dev.drydock.cli;

import dev.drydock.report.FailOn;
import dev.drydock.report.Format;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The output options shared by every command that reports findings. */
final class ReportOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = FormatConverter.class,
      description = "table, json, sarif or junit (default: ${DEFAULT-VALUE}).")
  Format format = Format.TABLE;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE (a regular file is replaced atomically; - is standard"
              + " output).")
  @Nullable Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "GATE",
      defaultValue = "none",
      converter = FailOnConverter.class,
      description =
          "Exit 1 when a failed or errored result is at least this severe (info, low, medium,"
              + " high, critical); fail = any failed or errored result; warn = also manual"
              + " results raised about an examined object; none (default) never.")
  FailOn failOn = FailOn.none();

  @Option(names = "--remediation", description = "Show how to fix each problem (table format).")
  boolean remediation;

  @Option(
      names = "--all",
      description = "List passing and not-applicable results too (table format).")
  boolean showPassing;

  /** Parses {@code --format}. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** Parses {@code --fail-on}. */
  static final class FailOnConverter implements ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      try {
        return FailOn.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }
}
