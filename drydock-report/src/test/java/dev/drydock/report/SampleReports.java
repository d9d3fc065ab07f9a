package dev.drydock.report;

import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.time.Instant;
import java.util.List;

/** A fixed report covering every status, used by the golden-file tests of each format. */
final class SampleReports {
  private SampleReports() {}

  static Report mixed() {
    Instant start = Instant.parse("2026-12-04T10:00:00.123Z");
    return new Report(
        "bench",
        "0.1.0",
        "unix:///var/run/docker.sock",
        start,
        start.plusMillis(1530),
        List.of(
            Finding.builder("cis-5.4", "Ensure that privileged containers are not used")
                .severity(Severity.HIGH)
                .status(Status.FAIL)
                .subject("web (3f2a9c1d0b7e)")
                .evidence("HostConfig.Privileged=true")
                .remediation("Recreate the container without --privileged.")
                .references(List.of("https://www.cisecurity.org/benchmark/docker"))
                .property("section", "5 Container Runtime")
                .property("level", "1")
                .build(),
            Finding.builder("cis-5.4", "Ensure that privileged containers are not used")
                .severity(Severity.HIGH)
                .status(Status.PASS)
                .subject("db (77aa00bb11cc)")
                .property("section", "5 Container Runtime")
                .property("level", "1")
                .build(),
            Finding.builder("cis-2.2", "Ensure the logging level is set to 'info'")
                .severity(Severity.LOW)
                .status(Status.ERROR)
                .subject("dockerd")
                .evidence("daemon.json is not valid JSON: line 3 <\"quoted\" & escaped>")
                .property("section", "2 Docker Daemon Configuration")
                .build(),
            Finding.builder("cis-1.1.1", "Ensure a separate partition for containers exists")
                .severity(Severity.MEDIUM)
                .status(Status.MANUAL)
                .evidence("Check /var/lib/docker is a mount point")
                .property("section", "1 Host Configuration")
                .build(),
            Finding.builder("cis-1.2.1", "Ensure AppArmor is enabled")
                .severity(Severity.INFO)
                .status(Status.NOT_APPLICABLE)
                .evidence("AppArmor is not available on this host")
                .property("section", "1 Host Configuration")
                .build()));
  }

  static Report empty() {
    Instant start = Instant.parse("2026-12-04T10:00:00Z");
    return new Report("scan", "0.1.0", "img", start, start, List.of());
  }
}
