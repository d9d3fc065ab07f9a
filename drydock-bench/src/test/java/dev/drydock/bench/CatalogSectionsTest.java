package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sections 4 to 7 hold every CIS 1.8.0 recommendation, in order, with docker-bench IDs. */
class CatalogSectionsTest {
  @Test
  void sections4To7_haveEveryCisId_inOrder() {
    assertThat(ids(ImageChecks.checks())).containsExactlyElementsOf(range("4", 12));
    assertThat(ids(ContainerRuntimeChecks.checks())).containsExactlyElementsOf(range("5", 32));
    assertThat(ids(SecurityOperationsChecks.checks())).containsExactlyElementsOf(range("6", 2));
    assertThat(ids(SwarmChecks.checks())).containsExactlyElementsOf(range("7", 9));
  }

  @Test
  void infos_followCis180_andNameDbsId() {
    for (List<Check> section :
        List.of(
            ImageChecks.checks(),
            ContainerRuntimeChecks.checks(),
            SecurityOperationsChecks.checks(),
            SwarmChecks.checks())) {
      for (Check c : section) {
        assertThat(c.info().cisVersion()).isEqualTo("1.8.0");
        assertThat(c.info().dbsId()).isEqualTo(c.info().id());
        assertThat(c.info().title()).isNotBlank().doesNotContain("(Automated)", "(Manual)");
        assertThat(c.info().remediation()).isNotBlank();
      }
    }
  }

  @Test
  void automatedFlags_matchCisLabels() {
    List<String> manual5 =
        ContainerRuntimeChecks.checks().stream()
            .filter(c -> !c.info().automated())
            .map(c -> c.info().id())
            .toList();
    assertThat(manual5).containsExactly("5.9", "5.18", "5.19", "5.23", "5.24", "5.28", "5.30");
    assertThat(Catalog.all()).extracting(c -> c.info().id()).contains("5.1", "7.9");
  }

  private static List<String> ids(List<Check> checks) {
    return checks.stream().map(c -> c.info().id()).toList();
  }

  private static List<String> range(String section, int n) {
    return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> section + "." + i).toList();
  }
}
