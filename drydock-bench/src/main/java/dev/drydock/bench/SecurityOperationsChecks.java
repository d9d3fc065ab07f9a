package dev.drydock.bench;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ImageDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CIS Docker Benchmark section 6 Docker security operations. Both are judgement calls, so both are
 * MANUAL, with the counts a person needs as evidence.
 */
final class SecurityOperationsChecks {
  private SecurityOperationsChecks() {}

  /** At most this many unused images are named in 6.1's evidence. */
  static final int MAX_NAMED = 10;

  static List<Check> checks() {
    return List.of(
        Check.of(
            Audits.info(
                "6.1",
                "Ensure that image sprawl is avoided",
                1,
                false,
                Severity.LOW,
                "Remove images no container uses (docker image prune -a, after review) and keep"
                    + " only the tags you deploy."),
            SecurityOperationsChecks::imageSprawl),
        Check.of(
            Audits.info(
                "6.2",
                "Ensure that container sprawl is avoided",
                1,
                false,
                Severity.LOW,
                "Remove stopped containers you no longer need (docker container prune, after"
                    + " review)."),
            SecurityOperationsChecks::containerSprawl));
  }

  private static List<Finding> imageSprawl(CheckInfo info, BenchContext context)
      throws BenchException {
    List<ImageDetails> images = context.engine().images();
    Set<String> inUse = new HashSet<>();
    for (ContainerDetails c : context.engine().containers()) {
      inUse.add(c.imageId());
    }
    List<ImageDetails> unused = images.stream().filter(i -> !inUse.contains(i.id())).toList();
    int usedLocal = images.size() - unused.size();
    StringBuilder evidence =
        new StringBuilder()
            .append(images.size())
            .append(" images, ")
            .append(usedLocal)
            .append(" in use by containers (distinct images), ")
            .append(unused.size())
            .append(" unused");
    if (!unused.isEmpty()) {
      evidence
          .append(": ")
          .append(
              String.join(
                  ", ",
                  unused.stream()
                      .limit(MAX_NAMED)
                      .map(i -> Audits.subject(i).substring("image ".length()))
                      .toList()));
      if (unused.size() > MAX_NAMED) {
        evidence.append(", ...");
      }
    }
    return List.of(info.finding(Status.MANUAL, "images", evidence.toString()).build());
  }

  private static List<Finding> containerSprawl(CheckInfo info, BenchContext context)
      throws BenchException {
    List<ContainerDetails> containers = context.engine().containers();
    long running = containers.stream().filter(c -> c.state().running()).count();
    long created = containers.stream().filter(c -> c.state().status().equals("created")).count();
    long exited =
        containers.stream()
            .filter(c -> c.state().status().equals("exited") || c.state().status().equals("dead"))
            .count();
    String evidence =
        containers.size()
            + " containers: "
            + running
            + " running, "
            + (containers.size() - running)
            + " not running ("
            + created
            + " created, "
            + exited
            + " exited or dead)";
    return List.of(info.finding(Status.MANUAL, "containers", evidence).build());
  }
}
