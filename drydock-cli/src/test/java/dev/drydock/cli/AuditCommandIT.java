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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock audit} end to end against the daemon, limited to this run's containers. */
class AuditCommandIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir static Path home;
  private static Path data;
  private static String glob;

  @BeforeAll
  static void setUp() throws Exception {
    String debian = DOCKER.images().debian();
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    Files.writeString(
        advisories.resolve("a.json"),
        """
        {"schema_version": "1.6.0", "id": "CVE-2099-0201", "modified": "2026-11-01T00:00:00Z",
         "summary": "test advisory for dpkg", "database_specific": {"severity": "CRITICAL"},
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "dpkg"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]}]}
        """);
    data = home.resolve("data");
    CliRun db = CliRun.run(home, withData(data, "db", "update", "--from", advisories.toString()));
    assertThat(db.exitCode()).as(db.err()).isZero();
    String name = DOCKER.containerName("audited");
    glob = name.substring(0, name.length() - "audited".length()) + "*";
    DOCKER.cli().run("create", "--name", name, "--privileged", "--network", "none", debian, "true");
  }

  private static CliRun audit(String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of("audit", "-H", DOCKER.endpoint().address(), "--in-use", "--container", glob));
    all.addAll(List.of(args));
    return CliRun.run(home, withData(data, all.toArray(String[]::new)));
  }

  @Test
  void json_ranksTheContainer_andPrintsThePath() throws Exception {
    Path out = home.resolve("audit.json");
    CliRun r = audit("--format", "json", "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(out.toAbsolutePath().toString());
    assertThat(r.err()).contains("drydock: scores").contains("#1 " + glob.replace("*", "audited"));
    JsonNode doc = new ObjectMapper().readTree(out.toFile());
    assertThat(doc.path("schema").asText()).isEqualTo("drydock-audit/v1");
    JsonNode first = doc.path("containers").get(0);
    assertThat(first.path("exposure").path("privileged").asBoolean()).isTrue();
    assertThat(first.path("vulnerabilities").path("critical").asInt()).isEqualTo(1);

    Path html = home.resolve("audit.html");
    CliRun again = audit("--baseline", out.toString(), "-o", html.toString(), "--quiet");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).isEmpty();
    assertThat(Files.readString(html)).contains("Trend against the audit of").contains("<svg");
  }

  @Test
  void sarifAndGate() throws Exception {
    CliRun r = audit("--format", "sarif", "-o", "-", "--fail-on", "critical");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode sarif = new ObjectMapper().readTree(r.out());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(r.out()).contains("CVE-2099-0201").contains("audit-container-risk");
    CliRun junit = audit("--format", "junit", "-o", "-");
    assertThat(junit.exitCode()).isZero();
    assertThat(junit.out()).startsWith("<?xml").contains("<testsuite");
  }
}
