package dev.drydock.model;

import java.util.Locale;

/**
 * The outcome of one check or match. A {@code FAIL} is a problem; {@code PASS}, {@code MANUAL} and
 * {@code NOT_APPLICABLE} are not; {@code ERROR} means the check could not decide, which a strict CI
 * gate treats as a failure (fail closed).
 */
public enum Status {
  PASS,
  FAIL,
  MANUAL,
  NOT_APPLICABLE,
  ERROR;

  /** {@return the snake-case name used in every output format, e.g. {@code not_applicable}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a status label such as {@code not_applicable}, ignoring case.
   *
   * @throws IllegalArgumentException naming the input when it is not a status
   */
  public static Status parse(String text) {
    String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Status s : values()) {
      if (s.name().equals(wanted)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown status '" + text + "': use pass, fail, manual, not_applicable or error.");
  }
}
