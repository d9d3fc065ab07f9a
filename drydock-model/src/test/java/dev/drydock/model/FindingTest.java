package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingTest {

  @Test
  void builder_defaults_areFailMediumOnHost() {
    Finding f = Finding.builder("cis-1.1", "Ensure a separate partition").build();
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.subject()).isEqualTo("host");
    assertThat(f.isProblem()).isTrue();
  }

  @Test
  void constructor_copiesCollections_soLaterChangesDoNotLeakIn() {
    Map<String, String> props = new HashMap<>();
    props.put("b", "2");
    props.put("a", "1");
    Finding f =
        new Finding("r", "t", Severity.LOW, Status.PASS, "s", "", "", List.of("https://x"), props);
    props.put("c", "3");
    assertThat(f.properties()).containsOnlyKeys("a", "b");
    assertThat(f.isProblem()).isFalse();
  }

  @Test
  void constructor_blankRuleId_isRejected() {
    assertThatThrownBy(() -> Finding.builder(" ", "t").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ruleId");
  }

  @Test
  void report_counts_byStatusAndSeverity() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Report r =
        new Report(
            "bench",
            "1",
            "host",
            t,
            t.plusSeconds(2),
            List.of(
                Finding.builder("a", "A").severity(Severity.HIGH).build(),
                Finding.builder("b", "B").status(Status.ERROR).severity(Severity.LOW).build(),
                Finding.builder("c", "C").status(Status.PASS).severity(Severity.CRITICAL).build()));
    assertThat(r.countByStatus())
        .containsEntry(Status.FAIL, 1)
        .containsEntry(Status.ERROR, 1)
        .containsEntry(Status.PASS, 1)
        .containsEntry(Status.MANUAL, 0);
    assertThat(r.problemsBySeverity())
        .containsEntry(Severity.HIGH, 1)
        .containsEntry(Severity.CRITICAL, 0);
    assertThat(r.worstProblem()).contains(Severity.HIGH);
    assertThat(r.duration().toSeconds()).isEqualTo(2);
  }

  @Test
  void report_finishedBeforeStarted_isRejected() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new Report("x", "1", "h", t, t.minusSeconds(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severity_parseAndOrder() {
    assertThat(Severity.parse(" High ")).isEqualTo(Severity.HIGH);
    assertThat(Severity.CRITICAL.atLeast(Severity.HIGH)).isTrue();
    assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
    assertThat(Severity.UNKNOWN.atLeast(Severity.INFO)).isTrue();
    assertThatThrownBy(() -> Severity.parse("severe")).hasMessageContaining("critical");
    assertThat(Status.parse("not-applicable")).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(Status.NOT_APPLICABLE.label()).isEqualTo("not_applicable");
    assertThatThrownBy(() -> Status.parse("ok")).hasMessageContaining("pass");
  }

  @Test
  void verdict_switchIsExhaustive() {
    Verdict v = Verdict.deny("policy.rego", "privileged containers are not allowed");
    String shown =
        switch (v) {
          case Verdict.Allow a -> "allowed by " + a.decidedBy();
          case Verdict.Deny d -> "denied: " + d.reason();
        };
    assertThat(shown).contains("privileged");
    assertThat(Verdict.allow("x")).isInstanceOf(Verdict.Allow.class);
  }
}
