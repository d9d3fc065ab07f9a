package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 5 Container runtime. */
final class ContainerRuntimeChecks {
  private ContainerRuntimeChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
