package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testkit.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock bench} end to end against the real daemon. */
class BenchCommandIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir static Path home;
  private static String privileged;

  @BeforeAll
  static void createPrivilegedContainer() throws Exception {
    privileged = DOCKER.containerName("bench-priv");
    DOCKER
        .cli()
        .run(
            "create",
            "--privileged",
            "--network",
            "none",
            "--name",
            privileged,
            DOCKER.images().busybox(),
            "true");
  }

  private static CliRun bench(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("bench", "-H", DOCKER.endpoint().address()));
    all.addAll(List.of(args));
    return CliRun.run(home, all.toArray(String[]::new));
  }

  @Test
  void createdPrivilegedContainer_failsTheGate_inJson() throws Exception {
    CliRun r = bench("--check", "5.5", "--format", "json", "--fail-on", "fail");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    List<String> failing = new ArrayList<>();
    for (JsonNode f : doc.path("findings")) {
      if (f.path("ruleId").asText().equals("cis-5.5") && f.path("status").asText().equals("fail")) {
        failing.add(f.path("subject").asText());
      }
    }
    assertThat(failing).anySatisfy(s -> assertThat(s).contains(privileged));
  }

  @Test
  void table_groupsBySection_withSummary() throws Exception {
    CliRun r = bench("--section", "5", "--no-color");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("5 Container runtime").contains("Score");
  }

  @Test
  void sarifToFile() throws Exception {
    Path out = home.resolve("bench.sarif");
    CliRun r = bench("--check", "5.5", "--format", "sarif", "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).contains("\"version\": \"2.1.0\"").contains("cis-5.5");
  }

  @Test
  void list_showsChecksWithoutTalkingToTheDaemon() throws Exception {
    CliRun r = CliRun.run(home, "bench", "--list", "--section", "5", "-H", "unix:///nowhere.sock");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("5.5").doesNotContain("2.8 ");
  }

  @Test
  void badSelection_isUsageError() throws Exception {
    CliRun r = bench("--check", "5.x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("5.x");
  }

  @Test
  void unreachableDaemon_isErrorExit3_withClearMessage() throws Exception {
    CliRun r = CliRun.run(home, "bench", "-H", "unix:///nonexistent/docker.sock");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("/nonexistent/docker.sock");
  }

  @Test
  void invalidRoot_isErrorExit3_namingIt() throws Exception {
    CliRun r = bench("--root", home.resolve("no-such-root").toString(), "--section", "3");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("no-such-root").contains("--root");
  }
}
