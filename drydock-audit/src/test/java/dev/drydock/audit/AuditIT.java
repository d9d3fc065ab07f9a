package dev.drydock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.scanner.ImportOptions;
import dev.drydock.scanner.ImportSource;
import dev.drydock.scanner.VulnDb;
import dev.drydock.testkit.TestDocker;
import dev.drydock.trust.Environment;
import dev.drydock.trust.KdfStrength;
import dev.drydock.trust.KeyAlgorithm;
import dev.drydock.trust.LookasideSignatureStore;
import dev.drydock.trust.TrustKeys;
import dev.drydock.trust.TrustPolicy;
import dev.drydock.trust.TrustedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole audit against the real daemon: a privileged container of the Debian test image (with
 * made-up advisories for packages it really has) beside unprivileged ones, a trust policy that the
 * never-pushed images cannot satisfy; then a second audit from the layer cache; then the HTML in
 * headless chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir static Path home;
  private static Path data;
  private static String prefix;
  private static @Nullable AuditResult cold;
  private static @Nullable AuditResult warm;

  private static String record(String id, String pkg, String fixedEvent, String severity) {
    return String.format(
        Locale.ROOT,
        """
        {"schema_version": "1.6.0", "id": "%s", "modified": "2026-11-01T00:00:00Z",
         "summary": "test advisory for %s",
         "database_specific": {"severity": "%s"},
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "%s"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}%s]}]}]}
        """,
        id,
        pkg,
        severity,
        pkg,
        fixedEvent);
  }

  @BeforeAll
  static void hostWithContainers() throws Exception {
    String debian = DOCKER.images().debian();
    String busybox = DOCKER.images().busybox();
    data = home.resolve("data");
    Path advisories = Files.createDirectories(home.resolve("advisories"));
    Files.writeString(
        advisories.resolve("a.json"),
        record("CVE-2099-0101", "dpkg", ", {\"fixed\": \"99.0\"}", "HIGH"));
    Files.writeString(
        advisories.resolve("b.json"), record("CVE-2099-0102", "base-files", "", "CRITICAL"));
    VulnDb.importFrom(
        ImportSource.parse(advisories.toString()),
        data.resolve("db"),
        ImportOptions.defaults(Clock.systemUTC()));
    String priv = DOCKER.containerName("priv");
    prefix = priv.substring(0, priv.length() - "priv".length());
    DOCKER.cli().run("create", "--name", priv, "--privileged", "--network", "none", debian, "true");
    DOCKER
        .cli()
        .run(
            "create", "--name", DOCKER.containerName("plain"), "--network", "none", debian, "true");
    DOCKER
        .cli()
        .run(
            "create",
            "--name",
            DOCKER.containerName("small"),
            "--network",
            "none",
            "--label",
            "note=<script>alert(1)</script>",
            busybox,
            "true");
  }

  private static AuditOptions options(@Nullable TrustCheck trust) throws Exception {
    EngineEndpoint endpoint = DOCKER.endpoint();
    return new AuditOptions(
        "0.1.0-it",
        Clock.systemUTC(),
        data,
        Path.of("/"),
        null,
        true,
        List.of(prefix + "*"),
        2,
        trust,
        endpoint instanceof EngineEndpoint.Unix unix ? unix.socket() : null);
  }

  private static TrustCheck trust() throws Exception {
    TrustKeys keys = new TrustKeys(data, Clock.systemUTC(), new SecureRandom());
    keys.generate(
        "release",
        Environment.PROD,
        KeyAlgorithm.ECDSA_P256,
        Duration.ofDays(30),
        "pw".toCharArray(),
        KdfStrength.LEGACY);
    List<TrustedKey> all = new ArrayList<>(keys.trustedKeys(Environment.PROD));
    String yaml =
        """
        version: 1
        scopes:
          - match: "**"
            environment: prod
            require:
              - keys: [release]
        """;
    TrustPolicy policy =
        TrustPolicy.parse(
            "policy.yaml", yaml.getBytes(StandardCharsets.UTF_8), all, Clock.systemUTC());
    return new TrustCheck(
        policy, new LookasideSignatureStore(Files.createDirectories(home.resolve("sigs"))), "it");
  }

  @Test
  @Order(1)
  void privilegedContainerOfTheVulnerableUnsignedImage_ranksFirst() throws Exception {
    List<String> phases = new ArrayList<>();
    long t0 = System.nanoTime();
    cold =
        Audit.run(
            DOCKER.client(),
            options(trust()),
            new AuditProgress() {
              @Override
              public void phase(String name, int total) {
                phases.add(name);
              }

              @Override
              public void advance(String item) {}
            });
    AuditResult cold = Objects.requireNonNull(AuditIT.cold);
    long coldMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf(Locale.ROOT, "audit cold: %d ms, %d images%n", coldMs, cold.images().size());
    assertThat(phases).contains("CIS benchmark", "host patch status", "images", "joining");
    assertThat(cold.containers()).hasSize(3);
    ContainerRisk first = cold.containers().getFirst();
    assertThat(first.name()).isEqualTo(prefix + "priv");
    assertThat(first.exposure().privileged()).isTrue();
    assertThat(first.signature().state()).isEqualTo(SignatureStatus.State.UNSIGNED);
    assertThat(first.vulnerabilities().count(Severity.CRITICAL)).isEqualTo(1);
    assertThat(first.vulnerabilities().count(Severity.HIGH)).isEqualTo(1);
    assertThat(first.vulnerabilities().fixable()).isEqualTo(1);
    assertThat(first.misconfigurations())
        .extracting(Finding::title)
        .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("privileged"));
    ContainerRisk second = cold.containers().get(1);
    assertThat(second.name()).isEqualTo(prefix + "plain");
    assertThat(first.score().total()).isGreaterThan(second.score().total());
    assertThat(cold.containers().get(2).vulnerabilities().total()).isZero();
    assertThat(cold.images()).hasSize(2).allMatch(i -> i.error() == null);
    assertThat(cold.bench().findings()).isNotEmpty();
    assertThat(cold.skipped()).noneMatch(s -> s.area().equals("vulnerabilities"));
  }

  @Test
  @Order(2)
  void secondAudit_readsNoImage_andFindsTheSame() throws Exception {
    long t0 = System.nanoTime();
    warm = Audit.run(DOCKER.client(), options(null), AuditProgress.NONE);
    AuditResult warm = Objects.requireNonNull(AuditIT.warm);
    AuditResult cold = Objects.requireNonNull(AuditIT.cold, "the cold audit ran first");
    long warmMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf(Locale.ROOT, "audit warm: %d ms%n", warmMs);
    assertThat(warm.images()).hasSize(2).allMatch(ImageResult::fromCache);
    assertThat(warm.containers().getFirst().name()).isEqualTo(prefix + "priv");
    assertThat(warm.containers().getFirst().vulnerabilities())
        .isEqualTo(cold.containers().getFirst().vulnerabilities());
    // Without a policy the signature adds nothing and says why.
    assertThat(warm.containers().getFirst().signature().state())
        .isEqualTo(SignatureStatus.State.NOT_CHECKED);
  }

  @Test
  @Order(3)
  void withoutDatabase_everythingElseRuns_andTheReportSaysWhy() throws Exception {
    AuditOptions o = options(null);
    AuditOptions empty =
        new AuditOptions(
            o.toolVersion(),
            o.clock(),
            home.resolve("empty-data"),
            o.hostRoot(),
            null,
            true,
            o.containerNames(),
            1,
            null,
            o.exportSocket());
    AuditResult r = Audit.run(DOCKER.client(), empty, AuditProgress.NONE);
    assertThat(r.skipped())
        .anySatisfy(
            s -> {
              assertThat(s.area()).isEqualTo("vulnerabilities");
              assertThat(s.remedy()).contains("drydock db update");
            });
    assertThat(r.containers()).hasSize(3);
    assertThat(r.containers().getFirst().name()).isEqualTo(prefix + "priv");
    assertThat(r.images())
        .allMatch(i -> i.packages() > 0 || i.tags().toString().contains("busybox"));
    assertThat(AuditHtml.render(r, null)).contains("drydock db update");
  }

  @Test
  @Order(4)
  void htmlReport_rendersInChromium_onLaptopAndPhone() throws Exception {
    AuditResult cold = Objects.requireNonNull(AuditIT.cold, "the cold audit ran first");
    AuditResult warm = Objects.requireNonNull(AuditIT.warm, "the warm audit ran first");
    Baseline base =
        AuditJson.readBaseline("cold.json", AuditJson.write(cold).getBytes(StandardCharsets.UTF_8));
    Path out = Chromium.artifactDir();
    Path html = out.resolve("audit.html");
    Files.writeString(html, AuditHtml.render(warm, base));
    String dom = Chromium.dumpDom(html, home);
    assertThat(dom)
        .contains("<svg class=\"chart\" id=\"chart-severity\"")
        .contains("<svg class=\"chart\" id=\"chart-cis\"")
        .contains("<svg class=\"chart\" id=\"chart-ecosystem\"")
        .contains(prefix + "priv")
        .doesNotContain("<script");
    assertThat(Chromium.count(dom, "<rect ")).isGreaterThanOrEqualTo(5);
    Chromium.assertNoNetworkReference(dom);
    Chromium.assertNoNetworkReference(Files.readString(html));
    Path laptop = Chromium.screenshot(html, out.resolve("audit-laptop.png"), 1280, 900, home);
    Path phone = Chromium.screenshot(html, out.resolve("audit-phone.png"), 390, 844, home);
    assertThat(Files.size(laptop)).isGreaterThan(10_000);
    assertThat(Files.size(phone)).isGreaterThan(5_000);
  }
}
