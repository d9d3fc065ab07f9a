package dev.drydock.audit;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.engine.ContainerHostConfig;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Crafted containers, findings and results for the unit tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-12-01T10:00:42Z");

  private Fixtures() {}

  /** A container builder over the fields the audit reads. */
  static final class Container {
    String id;
    String name;
    String imageId = "sha256:" + "a".repeat(64);
    String image = "app:1";
    boolean privileged;
    String pidMode = "";
    String networkMode = "bridge";
    List<String> capAdd = new ArrayList<>();
    List<ContainerDetails.Mount> mounts = new ArrayList<>();
    Map<String, List<ContainerHostConfig.PortBinding>> ports = new HashMap<>();

    Container(String name, char idChar) {
      this.name = name;
      this.id = String.valueOf(idChar).repeat(64);
    }

    Container image(String ref, String id) {
      this.image = ref;
      this.imageId = id;
      return this;
    }

    Container privileged() {
      this.privileged = true;
      return this;
    }

    Container hostPid() {
      this.pidMode = "host";
      return this;
    }

    Container hostNetwork() {
      this.networkMode = "host";
      return this;
    }

    Container cap(String cap) {
      capAdd.add(cap);
      return this;
    }

    Container bind(String source, String destination, boolean rw) {
      mounts.add(new ContainerDetails.Mount("bind", source, destination, rw ? "" : "ro", rw, ""));
      return this;
    }

    Container port(String containerPort, String hostIp, String hostPort) {
      ports.put(containerPort, List.of(new ContainerHostConfig.PortBinding(hostIp, hostPort)));
      return this;
    }

    ContainerDetails build() {
      ContainerHostConfig host =
          new ContainerHostConfig(
              privileged,
              pidMode,
              "private",
              "",
              "",
              networkMode,
              capAdd,
              List.of(),
              List.of(),
              false,
              0,
              0,
              0,
              0,
              new ContainerHostConfig.RestartPolicy("no", 0),
              List.of(),
              "",
              ports,
              false,
              List.of());
      return new ContainerDetails(
          id,
          "/" + name,
          imageId,
          image,
          "",
          new ContainerDetails.State("running", true, 42),
          host,
          mounts,
          "",
          false,
          List.of(),
          Map.of("com.example.owner", name),
          List.of(),
          Map.of(),
          List.of(),
          "{}");
    }
  }

  static Finding vuln(String id, Severity severity, String pkg, boolean fixable, String eco) {
    Finding.Builder b =
        Finding.builder(id, "test advisory " + id)
            .severity(severity)
            .status(Status.FAIL)
            .subject("image app:1: " + pkg + " 1.0")
            .evidence(pkg + " 1.0 is affected")
            .remediation(fixable ? "Upgrade " + pkg + " to 2.0 or later." : "No fix")
            .property("ecosystem", eco)
            .property("package", pkg)
            .property("version", "1.0")
            .property("fix_available", Boolean.toString(fixable));
    if (fixable) {
      b.property("fixed_version", "2.0");
    }
    return b.build();
  }

  static Finding cis(String id, Severity severity, Status status, String subject) {
    return Finding.builder("cis-" + id, "CIS check " + id)
        .severity(severity)
        .status(status)
        .subject(subject)
        .evidence("observed for " + subject)
        .remediation("fix " + id)
        .property("section", "5 Container runtime")
        .build();
  }

  static ImageResult image(String id, String tag, List<Finding> vulns, SignatureStatus sig) {
    return new ImageResult(
        id,
        List.of(tag),
        "Debian GNU/Linux 12 (bookworm)",
        120,
        List.of("Debian"),
        vulns,
        VulnSummary.of(vulns),
        sig,
        false,
        null);
  }

  static Report report(String tool, List<Finding> findings) {
    return new Report(tool, "0.1.0-test", "unix:///var/run/docker.sock", T0, T1, findings);
  }

  static AuditResult result(
      List<Finding> bench, List<ImageResult> images, List<ContainerRisk> containers) {
    return new AuditResult(
        "0.1.0-test",
        "unix:///var/run/docker.sock",
        T0,
        T1,
        false,
        report("bench", bench),
        report(
            "host",
            List.of(
                Finding.builder("host-upgrade", "Pending security upgrade")
                    .severity(Severity.HIGH)
                    .status(Status.FAIL)
                    .subject("host: openssl")
                    .evidence("openssl 3.0.1 -> 3.0.2 (bookworm-security)")
                    .remediation("apt-get upgrade openssl")
                    .build())),
        List.of(vuln("CVE-2099-9000", Severity.MEDIUM, "zlib", true, "Debian")),
        images,
        containers,
        List.of(),
        "/data/db: 3 advisories",
        "");
  }
}
