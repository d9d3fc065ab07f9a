package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import dev.drydock.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static CheckInfo check(String id, int level) {
    return new CheckInfo(id, "title " + id, level, true, Severity.LOW, "1.6.0", id, "fix");
  }

  private static BenchOptions select(
      Set<String> checks, Set<String> excludes, Set<Integer> sections, int level) {
    return new BenchOptions(checks, excludes, sections, level, Path.of("/"), List.of());
  }

  @Test
  void all_selectsEverything() {
    assertThat(BenchOptions.all().selects(check("1.1.3", 2))).isTrue();
    assertThat(BenchOptions.all().selects(check("7.9", 1))).isTrue();
  }

  @Test
  void checkPrefix_selectsGroup_butNotNumericNeighbours() {
    BenchOptions o = select(Set.of("1.1"), Set.of(), Set.of(), 2);
    assertThat(o.selects(check("1.1.3", 1))).isTrue();
    assertThat(o.selects(check("1.1", 1))).isTrue();
    assertThat(o.selects(check("1.2.1", 1))).isFalse();
    assertThat(select(Set.of("5.1"), Set.of(), Set.of(), 2).selects(check("5.10", 1))).isFalse();
  }

  @Test
  void exclude_winsOverCheck_andSectionAndLevelFilter() {
    BenchOptions o = select(Set.of("5"), Set.of("5.7"), Set.of(5), 1);
    assertThat(o.selects(check("5.5", 1))).isTrue();
    assertThat(o.selects(check("5.7", 1))).isFalse();
    assertThat(o.selects(check("5.8", 2))).as("level 2 above --level 1").isFalse();
    assertThat(o.selects(check("4.1", 1))).as("other section").isFalse();
  }

  @Test
  void badValues_namedInTheError() {
    assertThatThrownBy(() -> select(Set.of("5.x"), Set.of(), Set.of(), 2))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("'5.x'")
        .hasMessageContaining("--check");
    assertThatThrownBy(() -> select(Set.of(), Set.of("../1"), Set.of(), 2))
        .hasMessageContaining("--exclude");
    assertThatThrownBy(() -> select(Set.of(), Set.of(), Set.of(8), 2))
        .hasMessageContaining("--section");
    assertThatThrownBy(() -> select(Set.of(), Set.of(), Set.of(), 3))
        .hasMessageContaining("--level");
  }

  @Test
  void checkInfo_validatesAndBuildsFindings() {
    CheckInfo info = check("2.7", 1);
    assertThat(info.section()).isEqualTo(2);
    assertThat(info.ruleId()).isEqualTo("cis-2.7");
    var pass = info.finding(dev.drydock.model.Status.PASS, "daemon", "").build();
    assertThat(pass.remediation()).isEmpty();
    assertThat(pass.properties())
        .containsEntry("section", "2 Docker daemon configuration")
        .containsEntry("level", "1")
        .containsEntry("cis_version", "1.6.0")
        .containsEntry("dbs_id", "2.7");
    var fail = info.finding(dev.drydock.model.Status.FAIL, "daemon", "tcp without tls").build();
    assertThat(fail.remediation()).isEqualTo("fix");
    assertThatThrownBy(() -> check("2.x", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check("2.1", 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
