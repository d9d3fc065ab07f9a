package dev.drydock.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every check drydock knows, in benchmark order. */
final class Catalog {
  private Catalog() {}

  static List<Check> all() {
    List<Check> all = new ArrayList<>();
    all.addAll(HostConfigurationChecks.checks());
    all.addAll(DaemonConfigurationChecks.checks());
    all.addAll(DaemonFileChecks.checks());
    all.addAll(ImageChecks.checks());
    all.addAll(ContainerRuntimeChecks.checks());
    all.addAll(SecurityOperationsChecks.checks());
    all.addAll(SwarmChecks.checks());
    Set<String> seen = new HashSet<>();
    for (Check c : all) {
      if (!seen.add(c.info().id())) {
        throw new IllegalStateException("Check " + c.info().id() + " is defined twice.");
      }
    }
    return List.copyOf(all);
  }
}
