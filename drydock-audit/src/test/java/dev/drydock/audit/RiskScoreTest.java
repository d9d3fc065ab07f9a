package dev.drydock.audit;

import static dev.drydock.audit.Fixtures.cis;
import static dev.drydock.audit.Fixtures.vuln;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Finding;
import dev.drydock.model.Severity;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskScoreTest {
  private static final SignatureStatus NOT_CHECKED = SignatureStatus.notChecked("no policy");

  @Test
  void nothingFound_scoresZero() {
    RiskScore s = RiskScore.of(Exposure.none(), VulnSummary.empty(), List.of(), NOT_CHECKED);
    assertThat(s.total()).isZero();
    assertThat(s.level()).isEqualTo("none");
  }

  @Test
  void exposure_addsItsParts_andIsCapped() {
    Exposure some =
        new Exposure(
            false,
            List.of("pid"),
            List.of("0.0.0.0:8080->80/tcp"),
            List.of(),
            false,
            List.of("SYS_ADMIN"));
    assertThat(RiskScore.of(some, VulnSummary.empty(), List.of(), NOT_CHECKED).exposure())
        .isEqualTo(15.0);
    Exposure loopback =
        new Exposure(
            false, List.of(), List.of("127.0.0.1:8080->80/tcp"), List.of(), false, List.of());
    assertThat(RiskScore.of(loopback, VulnSummary.empty(), List.of(), NOT_CHECKED).total())
        .isZero();
    Exposure all =
        new Exposure(
            true,
            List.of("pid", "ipc", "network"),
            List.of("0.0.0.0:22->22/tcp"),
            List.of("/etc->/host/etc (rw)"),
            true,
            List.of("ALL"));
    assertThat(RiskScore.of(all, VulnSummary.empty(), List.of(), NOT_CHECKED).exposure())
        .isEqualTo(RiskScore.MAX_EXPOSURE);
  }

  @Test
  void vulnerabilities_weighBySeverity_countDistinctIds_andAreCapped() {
    VulnSummary two =
        VulnSummary.of(
            List.of(
                vuln("CVE-1", Severity.HIGH, "a", false, "npm"),
                vuln("CVE-1", Severity.HIGH, "b", false, "npm"),
                vuln("CVE-2", Severity.MEDIUM, "c", false, "npm"),
                vuln("CVE-3", Severity.LOW, "d", false, "npm")));
    assertThat(two.total()).isEqualTo(3);
    assertThat(RiskScore.of(Exposure.none(), two, List.of(), NOT_CHECKED).vulnerabilities())
        .isEqualTo(5.3); // 4 + 1 + 0.25, rounded to one decimal
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(vuln("CVE-C" + i, Severity.CRITICAL, "p" + i, true, "Maven"));
    }
    RiskScore capped = RiskScore.of(Exposure.none(), VulnSummary.of(many), List.of(), NOT_CHECKED);
    assertThat(capped.vulnerabilities()).isEqualTo(RiskScore.MAX_VULNERABILITIES);
    assertThat(capped.level()).isEqualTo("medium");
  }

  @Test
  void misconfiguration_countsOnlyProblems() {
    List<Finding> bench =
        List.of(
            cis("5.4", Severity.CRITICAL, Status.FAIL, "c"),
            cis("5.10", Severity.MEDIUM, Status.ERROR, "c"),
            cis("5.11", Severity.HIGH, Status.PASS, "c"),
            cis("5.12", Severity.LOW, Status.MANUAL, "c"));
    assertThat(
            RiskScore.of(Exposure.none(), VulnSummary.empty(), bench, NOT_CHECKED)
                .misconfiguration())
        .isEqualTo(7.5);
  }

  @Test
  void signature_unsignedWeighsMost_prodAndUncheckedNothing() {
    assertThat(score(SignatureStatus.State.UNSIGNED)).isEqualTo(10);
    assertThat(score(SignatureStatus.State.SIGNED_DEV)).isEqualTo(4);
    assertThat(score(SignatureStatus.State.SIGNED_PROD)).isZero();
    assertThat(score(SignatureStatus.State.NOT_CHECKED)).isZero();
  }

  @Test
  void levels_followTheDocumentedThresholds() {
    assertThat(new RiskScore(0, 0, 0, 0, 70).level()).isEqualTo("critical");
    assertThat(new RiskScore(0, 0, 0, 0, 69).level()).isEqualTo("high");
    assertThat(new RiskScore(0, 0, 0, 0, 40).level()).isEqualTo("high");
    assertThat(new RiskScore(0, 0, 0, 0, 20).level()).isEqualTo("medium");
    assertThat(new RiskScore(0, 0, 0, 0, 1).level()).isEqualTo("low");
    assertThatThrownBy(() -> new RiskScore(0, 0, 0, 0, 101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new RiskScore(1, 2, 3, 4, 10).toString()).contains("exposure 1.0").startsWith("10 ");
  }

  private static int score(SignatureStatus.State state) {
    return RiskScore.of(
            Exposure.none(), VulnSummary.empty(), List.of(), new SignatureStatus(state, ""))
        .total();
  }
}
