package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 2 Docker daemon configuration. */
final class DaemonConfigurationChecks {
  private DaemonConfigurationChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
