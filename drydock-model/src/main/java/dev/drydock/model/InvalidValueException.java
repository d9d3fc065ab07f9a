package dev.drydock.model;

import java.io.Serial;

/**
 * A value could not be parsed or built. Carries what kind of value it was, the rejected input and
 * what was expected, so that a message can tell the user what to change.
 */
public final class InvalidValueException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private final String kind;
  private final String input;

  /**
   * Creates the exception.
   *
   * @param kind what the value is, e.g. {@code digest}
   * @param input the rejected text
   * @param expectation what a valid value looks like
   */
  public InvalidValueException(String kind, String input, String expectation) {
    super("Invalid " + kind + " '" + abbreviate(input) + "': " + expectation + ".");
    this.kind = kind;
    this.input = input;
  }

  /** {@return what kind of value was rejected} */
  public String kind() {
    return kind;
  }

  /** {@return the rejected input, whole} */
  public String input() {
    return input;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
