package dev.drydock.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How bad a finding is, ordered from least to most severe so that {@link #compareTo} ranks them.
 *
 * <p>The names follow the CVSS v3 qualitative ratings (none/low/medium/high/critical) with {@code
 * INFO} for findings that carry no risk of their own. {@code UNKNOWN} is for advisories that
 * publish no rating; it ranks between {@code INFO} and {@code LOW} so that it is never silently
 * dropped by a {@code --fail-on low} gate's complement.
 */
public enum Severity {
  INFO,
  UNKNOWN,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** {@return true when this severity is the same as or worse than {@code threshold}} */
  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) >= 0;
  }

  /** {@return the lower-case name used in every output format} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a severity name, ignoring case.
   *
   * @throws IllegalArgumentException naming the input and the accepted values when it is none of
   *     them
   */
  public static Severity parse(String text) {
    String wanted = text.strip().toUpperCase(Locale.ROOT);
    for (Severity s : values()) {
      if (s.name().equals(wanted)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown severity '" + text + "': use one of " + accepted() + ".");
  }

  private static String accepted() {
    return Arrays.stream(values()).map(Severity::label).collect(Collectors.joining(", "));
  }
}
