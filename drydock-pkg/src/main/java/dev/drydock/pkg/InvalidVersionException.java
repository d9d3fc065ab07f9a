package dev.drydock.pkg;

import java.io.Serial;

/**
 * A version string is not valid in the ecosystem it was given for, so it cannot be ordered. Names
 * the ecosystem and the rejected text; fix the version text, or check that the right ecosystem was
 * chosen (an OSV record's {@code affected[].package.ecosystem}).
 */
public final class InvalidVersionException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private final String ecosystem;
  private final String version;

  /**
   * Creates the exception.
   *
   * @param ecosystem the ecosystem whose rules rejected the text, e.g. {@code Debian}
   * @param version the rejected text
   * @param expectation what a valid version of that ecosystem looks like
   */
  public InvalidVersionException(String ecosystem, String version, String expectation) {
    super(
        "Invalid "
            + ecosystem
            + " version '"
            + abbreviate(version)
            + "': "
            + expectation
            + ". Check the version text, or that it belongs to the "
            + ecosystem
            + " ecosystem.");
    this.ecosystem = ecosystem;
    this.version = version;
  }

  /** {@return the ecosystem whose rules rejected the version} */
  public String ecosystem() {
    return ecosystem;
  }

  /** {@return the rejected version text, whole} */
  public String version() {
    return version;
  }

  private static String abbreviate(String s) {
    String printable = s.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : escape(s);
    return printable.length() <= 120 ? printable : printable.substring(0, 117) + "...";
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
              } else {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
              }
            });
    return b.toString();
  }
}
