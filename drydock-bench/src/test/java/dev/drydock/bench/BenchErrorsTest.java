package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.engine.EngineClient;
import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Report;
import dev.drydock.model.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unreachable daemon and an invalid root are reported, never a crash. */
class BenchErrorsTest {
  @TempDir Path dir;

  @Test
  void anUnreachableDaemonGivesErrorsThatNameIt() throws Exception {
    EngineEndpoint nowhere = new EngineEndpoint.Unix(dir.resolve("nobody.sock"));
    Report r = HostAudits.run(nowhere, dir);
    assertThat(HostAudits.ids(r)).contains("2.2", "2.6", "3.24", "1.1.3");
    Finding storage = HostAudits.only(r, "2.6");
    assertThat(storage.status()).isEqualTo(Status.ERROR);
    assertThat(storage.evidence()).contains(nowhere.address());
    Finding icc = HostAudits.only(r, "2.2");
    assertThat(icc.status()).isEqualTo(Status.ERROR);
    assertThat(icc.evidence()).contains("no local dockerd process serves");
    // host files below the (empty) root are still examined
    assertThat(HostAudits.only(r, "3.19").status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void aRootThatIsNotADirectoryIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(
            () ->
                Bench.create(
                    EngineClient.create(EngineEndpoint.parse(EngineEndpoint.DEFAULT_HOST)),
                    HostAudits.options(file, List.of())))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void everyCheckOfSectionsOneToThreeIsCatalogued() {
    List<CheckInfo> mine = Bench.catalog().stream().filter(c -> c.section() <= 3).toList();
    assertThat(mine).hasSize(63);
    assertThat(mine).allMatch(c -> c.cisVersion().equals("1.8.0"));
    // v1.8.0 inserted 2.7 (devicemapper): docker-bench's 2.7 to 2.18 are 2.8 to 2.19 here.
    assertThat(mine.stream().filter(c -> !c.dbsId().equals(c.id())).map(CheckInfo::id))
        .containsExactly(
            "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "2.17",
            "2.18", "2.19");
    assertThat(mine.stream().filter(c -> !c.automated()).map(CheckInfo::id))
        .containsExactly("1.2.1", "1.2.2", "2.1", "2.9", "2.18");
  }
}
