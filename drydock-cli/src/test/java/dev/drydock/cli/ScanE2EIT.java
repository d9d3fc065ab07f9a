package dev.drydock.cli;

import static dev.drydock.cli.CliRun.withData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testkit.ReferenceRegistry;
import dev.drydock.testkit.TestDocker;
import dev.drydock.testkit.VulnerableImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code drydock db update} from real OSV advisories, then {@code drydock scan} of the
 * testkit's {@link VulnerableImage} (Debian 12 with log4j-core 2.14.1, a war nesting it, lodash
 * 4.17.15, and commons-text 1.9 deleted in a later layer) read from the daemon, from a {@code
 * docker save} archive and from a registry (pushed with skopeo into Debian's docker-registry with
 * Basic auth, credentials from a Docker client config).
 */
class ScanE2EIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The planted vulnerabilities: rule ID, aliases that must be listed, subject, fixed version. */
  private record Planted(String ruleId, String alias, String subject, String fixed) {}

  private static final List<Planted> PLANTED =
      List.of(
          new Planted(
              "CVE-2021-44228",
              "GHSA-jfh8-c2jp-5v3q",
              "org.apache.logging.log4j:log4j-core 2.14.1",
              "2.15.0"),
          new Planted(
              "CVE-2021-45046",
              "GHSA-7rjr-3q55-vv33",
              "org.apache.logging.log4j:log4j-core 2.14.1",
              "2.16.0"),
          new Planted("CVE-2020-8203", "GHSA-p6mc-m468-83gw", "lodash 4.17.15", "4.17.20"),
          new Planted("CVE-2021-23337", "GHSA-35jh-r3h4-6jhm", "lodash 4.17.15", "4.17.21"));

  @TempDir static Path home;
  private static Path data;
  private static String image;
  private static Path archive;
  private static final String USER = "drydock";
  private static final String PASSWORD = "Scan-Test-Pass-1";

  private static ReferenceRegistry registry;
  private static ReferenceRegistry tlsRegistry;
  private static String pushed;
  private static Map<String, String> registryEnv;

  @BeforeAll
  static void imageDatabaseArchiveAndRegistry() throws Exception {
    long start = System.nanoTime();
    image = new VulnerableImage(DOCKER.images(), DOCKER.cli()).build();
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    Path fixtures = Path.of(ScanE2EIT.class.getResource("e2e-osv").toURI());
    try (Stream<Path> files = Files.list(fixtures)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(f, advisories.resolve(f.getFileName().toString()));
      }
    }
    data = home.resolve("data");
    CliRun db = CliRun.run(home, withData(data, "db", "update", "--from", advisories.toString()));
    assertThat(db.exitCode()).as(db.err()).isZero();
    archive = home.resolve("vulnerable.tar");
    DOCKER.cli().run("save", "-o", archive.toString(), image);
    Path storage = home.resolve("registry-data");
    registry =
        ReferenceRegistry.start(
            home.resolve("registry"),
            ReferenceRegistry.Options.basicAuth(USER, PASSWORD).withStorage(storage));
    pushed = registry.hostPort() + "/e2e/vulnerable:1";
    skopeo(
        "copy",
        "-q",
        "--dest-tls-verify=false",
        "--dest-creds",
        USER + ":" + PASSWORD,
        "docker-daemon:" + image,
        "docker://" + pushed);
    tlsRegistry =
        ReferenceRegistry.start(
            home.resolve("tls-registry"),
            ReferenceRegistry.Options.anonymous().withTls().withStorage(storage));
    registryEnv = new HashMap<>();
    registryEnv.put("DOCKER_CONFIG", dockerConfig(home.resolve("docker-config")).toString());
    System.getLogger(ScanE2EIT.class.getName())
        .log(
            System.Logger.Level.INFO,
            "ScanE2EIT setup (image, db, save, registry push) took {0} ms",
            (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    for (ReferenceRegistry r : new ReferenceRegistry[] {registry, tlsRegistry}) {
      if (r != null) {
        r.close();
      }
    }
  }

  /** Writes a Docker client config holding the Basic registry's credentials. */
  private static Path dockerConfig(Path dir) throws java.io.IOException {
    Files.createDirectories(dir);
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("config.json"),
        "{\"auths\": {\"" + registry.hostPort() + "\": {\"auth\": \"" + auth + "\"}}}");
    return dir;
  }

  private static String skopeo(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("skopeo finished").isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  private static CliRun scan(Map<String, String> env, String target, String... args) {
    List<String> all = new ArrayList<>(List.of("scan", target));
    all.addAll(List.of(args));
    return CliRun.run(home, env, Clock.systemUTC(), withData(data, all.toArray(String[]::new)));
  }

  private static CliRun scan(String target, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-H", DOCKER.endpoint().address()));
    return scan(new HashMap<>(), target, all.toArray(String[]::new));
  }

  private static List<JsonNode> vulnerabilities(CliRun run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out()).path("findings")) {
      if (!f.path("ruleId").asText().startsWith("lint-")) {
        out.add(f);
      }
    }
    return out;
  }

  /** Asserts every planted vulnerability, and nothing from the deleted jar; returns a summary. */
  private static Set<String> assertPlanted(List<JsonNode> findings) {
    for (Planted p : PLANTED) {
      List<JsonNode> hits =
          findings.stream()
              .filter(f -> f.path("ruleId").asText().equals(p.ruleId()))
              .filter(f -> f.path("subject").asText().equals(p.subject()))
              .toList();
      assertThat(hits).as(p.ruleId() + " on " + p.subject()).isNotEmpty();
      for (JsonNode f : hits) {
        JsonNode props = f.path("properties");
        assertThat(props.path("aliases").asText().split(" ")).as(p.ruleId()).contains(p.alias());
        assertThat(props.path("fixed_version").asText()).as(p.ruleId()).isEqualTo(p.fixed());
        assertThat(props.path("fix_available").asText()).isEqualTo("true");
        assertThat(props.path("layer").asText()).startsWith("sha256:");
        assertThat(f.path("status").asText()).isEqualTo("fail");
      }
    }
    List<String> log4jShell =
        findings.stream()
            .filter(f -> f.path("ruleId").asText().equals("CVE-2021-44228"))
            .map(f -> f.path("properties").path("location").asText())
            .toList();
    assertThat(log4jShell)
        .as("the jar and the copy nested in the war")
        .containsExactlyInAnyOrder(
            VulnerableImage.LIB + "log4j-core-2.14.1.jar",
            VulnerableImage.LIB + "shop.war!/WEB-INF/lib/log4j-core-2.14.1.jar");
    assertThat(findings)
        .as("commons-text was deleted in a later layer")
        .noneMatch(f -> f.toString().contains("commons-text"))
        .noneMatch(f -> f.path("ruleId").asText().equals("CVE-2022-42889"));
    List<JsonNode> apt =
        findings.stream().filter(f -> f.path("ruleId").asText().equals("CVE-2011-3374")).toList();
    assertThat(apt)
        .as("the Debian record names the source package apt: both its binaries match")
        .extracting(f -> f.path("properties").path("package").asText())
        .containsExactlyInAnyOrder("apt", "libapt-pkg6.0");
    assertThat(apt)
        .allSatisfy(
            f -> {
              assertThat(f.path("properties").path("aliases").asText())
                  .isEqualTo("DEBIAN-CVE-2011-3374");
              assertThat(f.path("properties").path("fix_available").asText()).isEqualTo("false");
              assertThat(f.path("severity").asText()).isEqualTo("low");
            });
    assertThat(findings)
        .as("glibc in the image is newer than the fix; openssl is not installed")
        .noneMatch(f -> f.path("ruleId").asText().equals("CVE-2023-4911"))
        .noneMatch(f -> f.path("ruleId").asText().equals("CVE-2023-5363"));
    TreeSet<String> summary = new TreeSet<>();
    for (JsonNode f : findings) {
      summary.add(
          f.path("ruleId").asText()
              + " "
              + f.path("subject").asText()
              + " "
              + f.path("properties").path("location").asText());
    }
    return summary;
  }

  @Test
  void daemonArchiveAndRegistry_findThePlantedVulnerabilities_alike() throws Exception {
    Set<String> fromDaemon = assertPlanted(vulnerabilities(scan(image, "--format", "json")));
    Set<String> fromArchive =
        assertPlanted(vulnerabilities(scan(archive.toString(), "--format", "json")));
    Set<String> fromRegistry =
        assertPlanted(
            vulnerabilities(scan(registryEnv, pushed, "--insecure-http", "--format", "json")));

    assertThat(fromArchive).isEqualTo(fromDaemon);
    assertThat(fromRegistry).isEqualTo(fromDaemon);
  }

  @Test
  void registry_byDigest_andWithoutCredentials() throws Exception {
    String digest =
        skopeo(
                "inspect",
                "--tls-verify=false",
                "--creds",
                USER + ":" + PASSWORD,
                "--format",
                "{{.Digest}}",
                "docker://" + pushed)
            .strip();
    String byDigest = registry.hostPort() + "/e2e/vulnerable@" + digest;
    assertPlanted(
        vulnerabilities(
            scan(registryEnv, "docker://" + byDigest, "--insecure-http", "--format", "json")));

    CliRun anonymous =
        scan(
            Map.of("DOCKER_CONFIG", home.resolve("empty-config").toString()),
            pushed,
            "--insecure-http");
    assertThat(anonymous.exitCode()).as(anonymous.err()).isEqualTo(3);
    assertThat(anonymous.err()).contains(registry.hostPort()).doesNotContain(PASSWORD);

    CliRun notLoopback = scan(registryEnv, "registry.example/app:1", "--insecure-http");
    assertThat(notLoopback.exitCode()).isEqualTo(2);
    assertThat(notLoopback.err()).contains("loopback registries only");
  }

  @Test
  void registryOverTls_withItsCa_andRefusedWithoutIt() throws Exception {
    String ref = tlsRegistry.hostPort() + "/e2e/vulnerable:1";
    Map<String, String> env = Map.of("DOCKER_CONFIG", home.resolve("no-config").toString());
    Path ca = java.util.Objects.requireNonNull(tlsRegistry.caPem());

    assertPlanted(
        vulnerabilities(scan(env, ref, "--registry-ca", ca.toString(), "--format", "json")));

    CliRun untrusted = scan(env, ref, "--no-lint");
    assertThat(untrusted.exitCode()).as(untrusted.err()).isEqualTo(3);
    assertThat(untrusted.err()).contains("TLS");
  }

  @Test
  void exitCode_andFailOn_gate() throws Exception {
    String saved = archive.toString();
    assertThat(scan(saved, "--no-lint").exitCode()).as("no gate: 0").isZero();
    assertThat(scan(saved, "--no-lint", "--fail-on", "critical").exitCode()).isEqualTo(1);
    assertThat(scan(saved, "--no-lint", "--fail-on", "critical", "--exit-code", "4").exitCode())
        .isEqualTo(4);
    assertThat(scan(saved, "--no-lint", "--severity", "critical", "--exit-code", "5").exitCode())
        .as("--exit-code alone gates on --severity")
        .isEqualTo(5);
    assertThat(scan(saved, "--no-lint", "--fail-on", "critical", "--exit-code", "0").exitCode())
        .isZero();
    CliRun reserved = scan(saved, "--exit-code", "3");
    assertThat(reserved.exitCode()).isEqualTo(2);
    assertThat(reserved.err()).contains("--exit-code 3");
  }

  @Test
  void sarifAndCycloneDx_parse_andCarryThePlantedIds() throws Exception {
    Path sarif = home.resolve("scan.sarif");
    CliRun s = scan(archive.toString(), "--format", "sarif", "-o", sarif.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    JsonNode doc = JSON.readTree(sarif.toFile());
    assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
    List<String> ruleIds = new ArrayList<>();
    doc.path("runs").path(0).path("results").forEach(r -> ruleIds.add(r.path("ruleId").asText()));
    assertThat(ruleIds)
        .contains("CVE-2021-44228", "CVE-2021-45046", "CVE-2020-8203", "CVE-2021-23337")
        .doesNotContain("CVE-2022-42889");

    CliRun c = scan(archive.toString(), "--format", "cyclonedx");
    assertThat(c.exitCode()).as(c.err()).isZero();
    JsonNode bom = JSON.readTree(c.out());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    List<String> purls = new ArrayList<>();
    bom.path("components").forEach(p -> purls.add(p.path("purl").asText()));
    assertThat(purls)
        .contains("pkg:npm/lodash@4.17.15")
        .anyMatch(p -> p.startsWith("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
        .noneMatch(p -> p.contains("commons-text"));
    String vulns = bom.path("vulnerabilities").toString();
    assertThat(vulns).contains("CVE-2021-44228", "CVE-2020-8203").doesNotContain("CVE-2022-42889");
  }

  @Test
  void sbom_fromTheRegistry_listsThePlantedPackages() throws Exception {
    CliRun r =
        CliRun.run(
            home,
            registryEnv,
            Clock.systemUTC(),
            withData(data, "sbom", "registry://" + pushed, "--insecure-http", "--format", "spdx"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(doc.path("packages").toString())
        .contains("pkg:npm/lodash@4.17.15", "log4j-core")
        .doesNotContain("commons-text");
  }

  @Test
  void progress_onATerminal_goesToStandardErrorOnly_andNoProgressTurnsItOff() throws Exception {
    String[] args =
        withData(data, "scan", image, "--format", "json", "-H", DOCKER.endpoint().address());
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    CliContext terminal =
        new CliContext(
            Map.of(),
            Clock.systemUTC(),
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true),
            home,
            true);

    assertThat(Drydock.run(terminal, args)).as(err.toString()).isZero();

    assertThat(err.toString())
        .contains("\rdrydock: export drydock-test/vulnerab")
        .contains("\rdrydock: read 5 layers")
        .contains("\rdrydock: catalogue packages")
        .contains("\rdrydock: match packages [");
    assertThat(out.toString()).doesNotContain("\r").doesNotContain("drydock: match");
    assertPlanted(vulnerabilities(new CliRun(0, out.toString(), err.toString())));

    List<String> quiet = new ArrayList<>(List.of(args));
    quiet.add("--no-progress");
    err.getBuffer().setLength(0);
    assertThat(Drydock.run(terminal, quiet.toArray(String[]::new))).isZero();
    assertThat(err.toString()).doesNotContain("\r");
  }
}
