package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan} on the Debian test image against a database of made-up advisories for
 * packages the image really has (dpkg and base-files), one fixed and one not.
 */
class ScanCommandIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir static Path home;
  private static Path data;
  private static String image;

  private static String record(String id, String pkg, String fixedEvent, String severity) {
    return String.format(
        Locale.ROOT,
        """
        {"schema_version": "1.6.0", "id": "%s", "modified": "2026-11-01T00:00:00Z",
         "summary": "test advisory for %s",
         "aliases": ["CVE-2099-%s"],
         "database_specific": {"severity": "%s"},
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "%s"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}%s]}]}]}
        """,
        id,
        pkg,
        id.substring(id.length() - 4),
        severity,
        pkg,
        fixedEvent);
  }

  @BeforeAll
  static void database() throws Exception {
    image = DOCKER.images().debian();
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    Files.writeString(
        advisories.resolve("a.json"),
        record("DDT-2026-0001", "dpkg", ", {\"fixed\": \"99.0\"}", "HIGH"));
    Files.writeString(
        advisories.resolve("b.json"), record("DDT-2026-0002", "base-files", "", "LOW"));
    data = home.resolve("data");
    CliRun r = CliRun.run(home, withData(data, "db", "update", "--from", advisories.toString()));
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  private static CliRun scan(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("scan", image, "-H", DOCKER.endpoint().address()));
    all.addAll(List.of(args));
    return CliRun.run(home, withData(data, all.toArray(String[]::new)));
  }

  @Test
  void findsBothAdvisories_withFixedVersionAndLayer_andGates() throws Exception {
    CliRun r = scan("--format", "json", "--fail-on", "high");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    List<String> ids = new ArrayList<>();
    for (JsonNode f : doc.path("findings")) {
      ids.add(f.path("ruleId").asText());
      if (f.path("ruleId").asText().equals("CVE-2099-0001")) {
        assertThat(f.path("properties").path("fixed_version").asText()).isEqualTo("99.0");
        assertThat(f.path("properties").path("layer").asText()).startsWith("sha256:");
        assertThat(f.path("subject").asText()).startsWith("dpkg ");
      }
    }
    assertThat(ids.stream().filter(id -> id.startsWith("CVE-")))
        .containsExactlyInAnyOrder("CVE-2099-0001", "CVE-2099-0002");
    // The lint runs in the same scan: the Debian test image runs as root without a HEALTHCHECK.
    assertThat(ids).contains("lint-root-user", "lint-no-healthcheck", "lint-secret-env");
  }

  @Test
  void vex_notAffected_suppressesWithTheReason() throws Exception {
    Path vex = home.resolve("vex.json");
    Files.writeString(
        vex,
        """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.test/vex/1",
         "author": "drydock tests", "timestamp": "2026-11-02T00:00:00Z", "version": 1,
         "statements": [{"vulnerability": {"name": "CVE-2099-0001"},
           "products": [{"@id": "pkg:deb/debian/dpkg"}],
           "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
           "impact_statement": "dpkg is never run in this image"}]}
        """);
    CliRun r = scan("--format", "json", "--no-lint", "--vex", vex.toString(), "--fail-on", "high");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    for (JsonNode f : doc.path("findings")) {
      if (f.path("ruleId").asText().equals("CVE-2099-0001")) {
        assertThat(f.path("status").asText()).isEqualTo("not_applicable");
        assertThat(f.path("evidence").asText())
            .contains("vulnerable_code_not_in_execute_path")
            .contains("dpkg is never run");
      }
    }
    assertThat(r.out()).contains("CVE-2099-0002");
  }

  @Test
  void noLint_leavesOnlyVulnerabilities() throws Exception {
    CliRun r = scan("--format", "json", "--no-lint");
    assertThat(r.out()).doesNotContain("lint-root-user").contains("CVE-2099-0001");
  }

  @Test
  void ignoreUnfixed_andSeverity_filter() throws Exception {
    CliRun unfixed = scan("--format", "json", "--ignore-unfixed");
    assertThat(unfixed.out()).contains("CVE-2099-0001").doesNotContain("CVE-2099-0002");
    CliRun high = scan("--format", "json", "--severity", "high");
    assertThat(high.out()).contains("CVE-2099-0001").doesNotContain("CVE-2099-0002");
  }

  @Test
  void cycloneDx_carriesTheVulnerabilities() throws Exception {
    CliRun r = scan("--format", "cyclonedx");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode bom = new ObjectMapper().readTree(r.out());
    assertThat(bom.path("vulnerabilities")).hasSize(2);
  }

  @Test
  void withoutDatabase_saysHowToGetOne() throws Exception {
    CliRun r =
        CliRun.run(
            home,
            withData(home.resolve("empty"), "scan", image, "-H", DOCKER.endpoint().address()));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("drydock db update");
  }
}
