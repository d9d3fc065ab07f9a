package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 7 Docker swarm configuration. */
final class SwarmChecks {
  private SwarmChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
