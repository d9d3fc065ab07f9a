package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import org.junit.jupiter.api.Test;

class FailOnTest {

  @Test
  void none_neverTrips() {
    assertThat(FailOn.parse("none").exitCode(SampleReports.mixed())).isEqualTo(FailOn.EXIT_OK);
    assertThat(FailOn.none()).hasToString("none");
  }

  @Test
  void high_tripsOnHighFailure() {
    assertThat(FailOn.parse("HIGH").exitCode(SampleReports.mixed()))
        .isEqualTo(FailOn.EXIT_FINDINGS);
  }

  @Test
  void critical_doesNotTripOnHigh() {
    assertThat(FailOn.parse("critical").exitCode(SampleReports.mixed())).isEqualTo(FailOn.EXIT_OK);
  }

  @Test
  void low_tripsOnErrorStatus_failClosed() {
    // The only low-severity finding has status "error": a check that could not decide still trips.
    FailOn gate = FailOn.parse("low");
    assertThat(SampleReports.mixed().findings().stream().filter(gate::trips).count()).isEqualTo(2);
  }

  @Test
  void fail_tripsOnEveryProblem_notOnManual() {
    FailOn gate = FailOn.parse("fail");
    assertThat(SampleReports.mixed().findings().stream().filter(gate::trips))
        .extracting(f -> f.status())
        .containsExactlyInAnyOrder(Status.FAIL, Status.ERROR);
    assertThat(gate).hasToString("info");
  }

  @Test
  void warn_alsoTripsOnManualResultsOfAutomatedChecks_notOnGuidance() {
    FailOn gate = FailOn.parse("WARN");
    assertThat(SampleReports.mixed().findings().stream().filter(gate::trips))
        .extracting(f -> f.status())
        .containsExactlyInAnyOrder(Status.FAIL, Status.ERROR);
    Finding reviewed =
        Finding.builder("cis-4.7", "Ensure update instructions are not used alone")
            .status(Status.MANUAL)
            .property("automated", "true")
            .build();
    Finding guidance =
        Finding.builder("cis-1.2.1", "Ensure the container host has been Hardened")
            .status(Status.MANUAL)
            .property("automated", "false")
            .build();
    assertThat(gate.trips(reviewed)).isTrue();
    assertThat(gate.trips(guidance)).isFalse();
    assertThat(FailOn.parse("fail").trips(reviewed)).isFalse();
    assertThat(gate).hasToString("warn");
    assertThat(gate.exitCode(SampleReports.empty())).isEqualTo(FailOn.EXIT_OK);
  }

  @Test
  void parse_unknown_namesInputAndChoices() {
    assertThatThrownBy(() -> FailOn.parse("severe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'severe'")
        .hasMessageContaining("none, fail, warn, info, low");
  }
}
