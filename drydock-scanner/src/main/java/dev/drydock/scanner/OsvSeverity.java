package dev.drydock.scanner;

import java.util.Objects;

/**
 * One entry of an OSV record's {@code severity} list.
 *
 * @param type the scoring system as written ({@code CVSS_V3}, {@code CVSS_V4}, {@code CVSS_V2},
 *     {@code Ubuntu}, ...)
 * @param score the vector string, or for {@code Ubuntu} a priority word
 */
public record OsvSeverity(String type, String score) {

  /** Checks both are present. */
  public OsvSeverity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(score, "score");
  }
}
