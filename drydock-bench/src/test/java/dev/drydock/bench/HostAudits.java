package dev.drydock.bench;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs audits of sections 1 to 3 and picks findings out of them, for tests. */
final class HostAudits {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private HostAudits() {}

  static BenchOptions options(Path root, List<String> trusted) {
    return new BenchOptions(Set.of(), Set.of(), Set.of(1, 2, 3), 2, root, trusted);
  }

  static Report run(EngineEndpoint endpoint, Path root) throws BenchException {
    return Bench.create(EngineClient.create(endpoint), options(root, List.of())).run("test", CLOCK);
  }

  static List<Finding> of(Report report, String id) {
    return report.findings().stream().filter(f -> f.ruleId().equals("cis-" + id)).toList();
  }

  static Set<Status> statuses(Report report, String id) {
    return of(report, id).stream().map(Finding::status).collect(Collectors.toSet());
  }

  static Finding only(Report report, String id) {
    List<Finding> f = of(report, id);
    if (f.size() != 1) {
      throw new AssertionError("expected one finding for " + id + ", got " + f);
    }
    return f.get(0);
  }

  static List<String> ids(Report report) {
    return report.findings().stream().map(f -> f.ruleId().substring(4)).distinct().toList();
  }

  static String dump(Report report) {
    return report.findings().stream()
        .map(f -> f.ruleId() + " " + f.status() + " [" + f.subject() + "] " + f.evidence())
        .collect(Collectors.joining("\n"));
  }
}
