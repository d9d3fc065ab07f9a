package dev.drydock.report;

import java.util.Locale;

/** The output formats every reporting command offers through {@code --format}. */
public enum Format {
  /** Aligned columns grouped by section, with a summary line; for people. */
  TABLE,
  /** drydock's own JSON, schema {@code drydock-report/v1}; see docs/report-json.md. */
  JSON,
  /** SARIF 2.1.0, for code-scanning dashboards. */
  SARIF,
  /** JUnit XML, for CI test reports. */
  JUNIT;

  /**
   * Parses a format name, ignoring case.
   *
   * @throws IllegalArgumentException naming the input and the accepted names
   */
  public static Format parse(String text) {
    String wanted = text.strip().toUpperCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.name().equals(wanted)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "Unknown format '" + text + "': use table, json, sarif or junit.");
  }
}
