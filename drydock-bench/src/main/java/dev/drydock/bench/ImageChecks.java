package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 4 Container images and build file. */
final class ImageChecks {
  private ImageChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
