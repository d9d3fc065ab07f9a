package dev.drydock.bench;

import java.util.List;

/** CIS Docker Benchmark section 3 Docker daemon configuration files. */
final class DaemonFileChecks {
  private DaemonFileChecks() {}

  static List<Check> checks() {
    return List.of();
  }
}
