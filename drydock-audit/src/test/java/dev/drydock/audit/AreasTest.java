package dev.drydock.audit;

import static dev.drydock.audit.Fixtures.cis;
import static dev.drydock.audit.Fixtures.image;
import static dev.drydock.audit.Fixtures.vuln;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AreasTest {
  /** The areas by ID; a missing ID fails the test. */
  private record Areas(Map<String, AreaScore> byId) {
    AreaScore get(String id) {
      AreaScore a = byId.get(id);
      assertThat(a).as(id).isNotNull();
      return java.util.Objects.requireNonNull(a);
    }
  }

  private static Areas areas(AuditResult r) {
    return new Areas(r.areas().stream().collect(Collectors.toMap(AreaScore::id, a -> a)));
  }

  @Test
  void scores_followTheDocumentedFormulas() {
    SignatureStatus prod = new SignatureStatus(SignatureStatus.State.SIGNED_PROD, "");
    SignatureStatus dev = new SignatureStatus(SignatureStatus.State.SIGNED_DEV, "");
    AuditResult r =
        Fixtures.result(
            List.of(
                cis("5.1", Severity.HIGH, Status.PASS, "a"),
                cis("5.2", Severity.HIGH, Status.PASS, "a"),
                cis("5.3", Severity.HIGH, Status.PASS, "a"),
                cis("5.4", Severity.HIGH, Status.FAIL, "a"),
                cis("5.5", Severity.HIGH, Status.MANUAL, "a")),
            List.of(
                image(
                    "sha256:" + "1".repeat(64),
                    "a:1",
                    List.of(vuln("C", Severity.CRITICAL, "p", true, "npm")),
                    prod),
                image("sha256:" + "2".repeat(64), "b:1", List.of(), dev)),
            List.of());
    Areas a = areas(r);
    assertThat(a.get("cis").score()).isEqualTo(75); // 3 of 4 decided
    assertThat(a.get("host").score()).isEqualTo(95); // 100 - (4 high upgrade + 1 medium vuln)
    assertThat(a.get("images").score()).isEqualTo(95); // mean of 90 and 100
    assertThat(a.get("containers").score()).isNull();
    assertThat(a.get("signatures").score()).isEqualTo(75); // (1 + 0.5) / 2
    assertThat(a.get("overall").score()).isEqualTo(85); // mean of 75, 95, 95, 75
  }

  @Test
  void unassessedAreas_sayWhy() {
    AuditResult base = Fixtures.result(List.of(), List.of(), List.of());
    AuditResult r =
        new AuditResult(
            base.toolVersion(),
            base.target(),
            base.started(),
            base.finished(),
            false,
            base.bench(),
            Fixtures.report("host", List.of()),
            List.of(),
            List.of(
                image(
                    "sha256:" + "1".repeat(64), "a:1", List.of(), SignatureStatus.notChecked("x"))),
            List.of(),
            List.of(),
            "",
            "");
    Areas a = areas(r);
    assertThat(a.get("cis").basis()).isEqualTo("the benchmark did not run");
    assertThat(a.get("host").score()).isNull();
    assertThat(a.get("images").basis()).contains("no vulnerability database");
    assertThat(a.get("signatures").basis()).contains("no trust policy");
    assertThat(a.get("overall").score()).isNull();
    assertThat(a.get("overall").basis()).isEqualTo("no area was assessed");
  }

  @Test
  void toReport_carriesEveryPartForTheGateAndMachineFormats() {
    AuditResult r = AuditHtmlTest.hostileResult();
    var report = r.toReport();
    assertThat(report.tool()).isEqualTo("audit");
    assertThat(report.findings())
        .extracting(f -> f.ruleId())
        .contains("cis-5.4", "host-upgrade", "CVE-2099-9000", "CVE-2099-0001")
        .contains("audit-unsigned-image", "audit-container-risk", "audit-skipped");
    assertThat(r.problems()).allMatch(f -> f.isProblem());
  }
}
