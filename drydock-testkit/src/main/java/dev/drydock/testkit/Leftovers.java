package dev.drydock.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Lists and removes testkit containers and networks by name. */
final class Leftovers {
  private final DockerCli cli;

  Leftovers(DockerCli cli) {
    this.cli = cli;
  }

  /** Removes the named containers (with their volumes), then the named networks, if they exist. */
  void remove(Collection<String> containers, Collection<String> networks)
      throws CommandFailedException {
    List<String> existingContainers = intersect(containers, containerNames());
    if (!existingContainers.isEmpty()) {
      cli.run(
          DockerCli.DEFAULT_TIMEOUT,
          concat(List.of("rm", "--force", "--volumes"), existingContainers));
    }
    List<String> existingNetworks = intersect(networks, networkNames());
    if (!existingNetworks.isEmpty()) {
      cli.run(DockerCli.DEFAULT_TIMEOUT, concat(List.of("network", "rm"), existingNetworks));
    }
  }

  /**
   * Removes testkit containers and networks whose run started more than {@code olderThan} ago.
   *
   * @return the names removed
   */
  List<String> sweep(Clock clock, Duration olderThan) throws CommandFailedException {
    Instant cutoff = clock.instant().minus(olderThan);
    List<String> containers = stale(containerNames(), cutoff);
    List<String> networks = stale(networkNames(), cutoff);
    remove(containers, networks);
    List<String> removed = new ArrayList<>(containers);
    removed.addAll(networks);
    return removed;
  }

  Set<String> containerNames() throws CommandFailedException {
    return lines(cli.run("ps", "--all", "--format", "{{.Names}}"));
  }

  Set<String> networkNames() throws CommandFailedException {
    return lines(cli.run("network", "ls", "--format", "{{.Name}}"));
  }

  private static List<String> stale(Set<String> names, Instant cutoff) {
    return names.stream()
        .filter(n -> RunNames.startedAt(n).map(t -> t.isBefore(cutoff)).orElse(false))
        .toList();
  }

  private static List<String> intersect(Collection<String> wanted, Set<String> existing) {
    return wanted.stream().filter(existing::contains).distinct().toList();
  }

  private static Set<String> lines(String text) {
    Set<String> out = new TreeSet<>();
    text.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
