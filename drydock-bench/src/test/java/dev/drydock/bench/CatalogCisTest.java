package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every check carries CIS v1.8.0's ID, title and level, and docker-bench's ID from the map. */
class CatalogCisTest {
  @Test
  void everyCheck_matchesTheShippedMap_andEveryRecommendationHasACheck() {
    List<String> problems = new ArrayList<>();
    List<CheckInfo> catalog = Bench.catalog();
    for (CheckInfo c : catalog) {
      var entry = CisIdMap.byId(c.id());
      if (entry.isEmpty()) {
        problems.add(c.id() + ": not a v1.8.0 ID");
        continue;
      }
      var e = entry.get();
      if (!e.title().equals(c.title())) {
        problems.add(c.id() + ": title '" + c.title() + "' != '" + e.title() + "'");
      }
      if (e.level() != c.level()) {
        problems.add(c.id() + ": level " + c.level() + " != " + e.level());
      }
      if (!e.dockerBench().equals(c.dbsId())) {
        problems.add(c.id() + ": dbs " + c.dbsId() + " != " + e.dockerBench());
      }
      if (!c.cisVersion().equals(CisIdMap.VERSION)) {
        problems.add(c.id() + ": version " + c.cisVersion());
      }
    }
    assertThat(problems).isEmpty();
    assertThat(catalog)
        .extracting(CheckInfo::id)
        .containsExactlyElementsOf(CisIdMap.entries().stream().map(CisIdMap.Entry::v180).toList());
  }
}
