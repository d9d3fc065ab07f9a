package dev.drydock.audit;

import static dev.drydock.audit.Fixtures.cis;
import static dev.drydock.audit.Fixtures.vuln;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.ContainerDetails;
import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuditHtmlTest {
  static final String HOSTILE = "x\"><script>alert(1)</script><img src=https://evil.test/p.png>";
  static final String IMAGE_ID = "sha256:" + "1".repeat(64);

  /** A result whose every host-supplied string is hostile markup. */
  static AuditResult hostileResult() {
    SignatureStatus unsigned =
        new SignatureStatus(SignatureStatus.State.UNSIGNED, "refused: " + HOSTILE);
    Finding hostileVuln =
        Finding.builder("CVE-2099-0001", "summary " + HOSTILE)
            .severity(Severity.CRITICAL)
            .status(Status.FAIL)
            .subject("image " + HOSTILE + ": pkg 1")
            .evidence("evidence " + HOSTILE)
            .remediation("remediation " + HOSTILE)
            .property("ecosystem", "npm")
            .property("package", HOSTILE)
            .property("version", "1")
            .property("fix_available", "true")
            .build();
    ImageResult img =
        new ImageResult(
            IMAGE_ID,
            List.of(HOSTILE + ":1"),
            HOSTILE,
            3,
            List.of("npm"),
            List.of(hostileVuln, vuln("CVE-2099-0002", Severity.LOW, "lodash", false, "npm")),
            VulnSummary.of(List.of(hostileVuln)),
            unsigned,
            false,
            null);
    ContainerDetails c =
        new Fixtures.Container("web", 'a').image(HOSTILE, IMAGE_ID).privileged().build();
    List<Finding> bench =
        List.of(
            cis("5.4", Severity.HIGH, Status.FAIL, "container web (" + "a".repeat(12) + ")"),
            cis("5.5", Severity.HIGH, Status.PASS, "container web (" + "a".repeat(12) + ")"),
            Finding.builder("cis-2.1", "Daemon " + HOSTILE)
                .severity(Severity.MEDIUM)
                .status(Status.FAIL)
                .subject("daemon")
                .evidence(HOSTILE)
                .property("section", "2 Docker daemon configuration " + HOSTILE)
                .build());
    List<ContainerRisk> ranked =
        ContainerJoin.join(List.of(c), bench, Map.of(IMAGE_ID, img), unsigned);
    AuditResult base = Fixtures.result(bench, List.of(img), ranked);
    return new AuditResult(
        base.toolVersion(),
        base.target(),
        base.started(),
        base.finished(),
        false,
        base.bench(),
        base.host(),
        base.hostVulnerabilities(),
        base.images(),
        base.containers(),
        List.of(new Skipped("vulnerabilities " + HOSTILE, "reason", "run 'drydock db update'")),
        base.database(),
        "policy.yaml");
  }

  @Test
  void hostileText_isEscapedEverywhere() {
    String html = AuditHtml.render(hostileResult(), null);
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<img")
        .doesNotContain(HOSTILE)
        .contains("x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void pageIsSelfContained_withTheCspAndNoNetworkReference() {
    String html = AuditHtml.render(hostileResult(), null);
    assertThat(html)
        .contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'; img-src data:\">")
        .doesNotContainPattern("(?i)<(script|link|iframe|object|embed|img)")
        .doesNotContainPattern("(?i)url\\(|@import");
    // No element has an attribute pointing elsewhere (escaped text may mention URLs).
    Matcher tag = Pattern.compile("<[a-zA-Z][^<>]*>").matcher(html);
    while (tag.find()) {
      assertThat(tag.group()).doesNotContainPattern("(?i)\\b(src|action|xlink:href)\\s*=");
    }
    // Links only point inside the page.
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (href.find()) {
      assertThat(href.group(1)).startsWith("#");
    }
  }

  @Test
  void hasTheSectionsChartsAndEveryProblemWithEvidenceAndRemediation() {
    String html = AuditHtml.render(hostileResult(), null);
    assertThat(html)
        .contains("id=\"summary\"", "id=\"charts\"", "id=\"containers\"", "id=\"images\"")
        .contains("id=\"host\"", "id=\"bench\"", "id=\"skipped\"")
        .contains("<svg class=\"chart\" id=\"chart-severity\"")
        .contains("<svg class=\"chart\" id=\"chart-cis\"")
        .contains("<svg class=\"chart\" id=\"chart-ecosystem\"")
        .contains("fix 5.4") // remediation of the failed CIS check
        .contains("observed for container web") // its evidence
        .contains("apt-get upgrade openssl") // host finding remediation
        .contains("remediation x&quot;&gt;&lt;script") // an image vulnerability's remediation
        .contains("evidence x&quot;&gt;&lt;script"); // and its evidence
    assertThat(count(html, "<rect ")).isGreaterThanOrEqualTo(4);
  }

  @Test
  void trend_showsDeltasAgainstTheBaseline() {
    AuditResult r = hostileResult();
    Baseline before =
        new Baseline(
            Fixtures.T0.minusSeconds(86400),
            Map.of("cis", 10, "containers", 90),
            Map.of("critical", 0, "high", 9),
            Map.of("web", 5));
    String html = AuditHtml.render(r, before);
    Integer cis =
        r.areas().stream().filter(a -> a.id().equals("cis")).findFirst().orElseThrow().score();
    assertThat(cis).isEqualTo(33); // 1 of 3 decided results pass
    assertThat(html).contains("Trend against the audit of 2026-11-30T10:00:00Z");
    assertThat(html).contains("&#9650; +23");
    assertThat(html).contains("&#9660; ");
  }

  @Test
  void emptyAudit_saysSoInsteadOfEmptyTables() {
    AuditResult r = Fixtures.result(List.of(), List.of(), List.of());
    String html = AuditHtml.render(r, null);
    assertThat(html)
        .contains("No container to assess.")
        .contains("The benchmark did not run.")
        .contains("nothing to show");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
