package dev.drydock.engine;

import dev.drydock.model.InvalidValueException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine API version such as {@code 1.41}, as sent in the daemon's {@code Api-Version}
 * header and used as the {@code /v1.41/...} path prefix.
 *
 * @param major the major version, at least 1
 * @param minor the minor version, at least 0
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

  /**
   * Checks the parts.
   *
   * @throws InvalidValueException if major is below 1 or minor below 0
   */
  public ApiVersion {
    if (major < 1 || minor < 0) {
      throw new InvalidValueException(
          "Docker API version", major + "." + minor, "expected MAJOR.MINOR with MAJOR >= 1");
    }
  }

  /**
   * Parses {@code MAJOR.MINOR}, e.g. {@code 1.41}.
   *
   * @param text the version text
   * @return the version
   * @throws InvalidValueException if the text is not two dot-separated numbers
   */
  public static ApiVersion parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new InvalidValueException(
          "Docker API version", text, "expected MAJOR.MINOR, e.g. 1.41");
    }
    return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** {@return the lower of this version and {@code other}} */
  public ApiVersion min(ApiVersion other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** {@return the path prefix for this version, e.g. {@code /v1.41}} */
  public String pathPrefix() {
    return "/v" + this;
  }

  @Override
  public int compareTo(ApiVersion other) {
    int byMajor = Integer.compare(major, other.major);
    return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
  }

  /** {@return the version as {@code MAJOR.MINOR}} */
  @Override
  public String toString() {
    return major + "." + minor;
  }
}
