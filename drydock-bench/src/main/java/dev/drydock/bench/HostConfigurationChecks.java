package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 1 Host configuration. */
final class HostConfigurationChecks {
  private HostConfigurationChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
