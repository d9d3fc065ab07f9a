package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CisIdMapTest {
  @Test
  void v180_has118Recommendations_andOneNewOne() {
    assertThat(CisIdMap.entries()).hasSize(118);
    assertThat(CisIdMap.entries().stream().filter(e -> e.v160().isEmpty()))
        .singleElement()
        .satisfies(e -> assertThat(e.title()).contains("devicemapper"));
  }

  @Test
  void section2_renumberedFromV160() {
    var tls = CisIdMap.byDockerBenchId("2.7").orElseThrow();
    assertThat(tls.v180()).isEqualTo("2.8");
    assertThat(tls.title()).contains("TLS");
    assertThat(CisIdMap.byId("2.19").orElseThrow().v160()).isEqualTo("2.18");
    assertThat(CisIdMap.byId("5.5").orElseThrow().dockerBench()).isEqualTo("5.5");
    assertThat(CisIdMap.byId("9.9")).isEmpty();
  }
}
