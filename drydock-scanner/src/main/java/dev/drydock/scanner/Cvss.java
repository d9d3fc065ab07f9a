package dev.drydock.scanner;

import dev.drydock.model.InvalidValueException;

/**
 * Computes CVSS base scores from vector strings: v3.0, v3.1 (specification formulas) and v4.0
 * (MacroVector table and interpolation of the v4.0 specification).
 */
public final class Cvss {
  private Cvss() {}

  /**
   * Scores a vector.
   *
   * @param vector a vector string such as {@code CVSS:3.1/AV:N/AC:L/...} or {@code
   *     CVSS:4.0/AV:N/...}
   * @throws InvalidValueException naming the vector when it is malformed, misses a base metric,
   *     repeats one or is of a version drydock does not score (v2)
   */
  public static CvssScore score(String vector) {
    String v = vector.strip();
    if (v.startsWith("CVSS:3.0/") || v.startsWith("CVSS:3.1/")) {
      return Cvss3.score(v);
    }
    if (v.startsWith("CVSS:4.0/")) {
      return Cvss4.score(v);
    }
    throw CvssVector.invalid(vector, "expected a CVSS:3.0, CVSS:3.1 or CVSS:4.0 vector");
  }
}
