package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 6 Docker security operations. */
final class SecurityOperationsChecks {
  private SecurityOperationsChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
