package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrydockTest {
  @TempDir Path home;

  @Test
  void help_listsCommandsAndExitCodes() {
    CliRun r = CliRun.run(home, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("pki", "engine", "bench", "host", "db", "version", "completion", "Exit codes");
  }

  @Test
  void noArguments_printsUsage() {
    CliRun r = CliRun.run(home);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: drydock");
  }

  @Test
  void everyCommand_hasHelp() {
    for (String[] cmd :
        new String[][] {
          {"version"},
          {"pki"},
          {"pki", "init"},
          {"pki", "issue"},
          {"pki", "list"},
          {"pki", "revoke"},
          {"pki", "crl"},
          {"pki", "check"},
          {"pki", "docker-daemon"},
          {"engine"},
          {"engine", "info"},
          {"bench"},
          {"host"},
          {"db"},
          {"db", "update"},
          {"db", "status"},
          {"sbom"},
          {"scan"},
          {"completion"}
        }) {
      String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
      args[cmd.length] = "--help";
      CliRun r = CliRun.run(home, args);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).as(String.join(" ", cmd)).contains("Usage:");
    }
  }

  @Test
  void version_printsVersionCommitAndJdk() throws Exception {
    CliRun r = CliRun.run(home, "version");
    assertThat(r.out()).startsWith("drydock ").contains("commit").contains("JDK 25");
    JsonNode json = new ObjectMapper().readTree(CliRun.run(home, "version", "--json").out());
    assertThat(json.get("jdk").asText()).startsWith("25");
    assertThat(json.has("commit")).isTrue();
  }

  @Test
  void unknownOption_isUsageErrorWithHint() {
    CliRun r = CliRun.run(home, "pki", "list", "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("Unknown option: '--frobnicate'")
        .contains("drydock pki list --help");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void completion_printsBashScript() {
    CliRun r = CliRun.run(home, "completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete -F").contains("docker-daemon");
  }

  @Test
  void dataDirectory_defaultsToEnvThenHome() {
    CliRun fromEnv =
        CliRun.run(
            home,
            Map.of("DRYDOCK_DATA", home.resolve("env").toString()),
            Clock.systemUTC(),
            "pki",
            "list");
    assertThat(fromEnv.err()).contains(home.resolve("env").resolve("pki").toString());
    CliRun fromHome = CliRun.run(home, "pki", "list");
    assertThat(fromHome.err()).contains(home.resolve(".drydock").resolve("pki").toString());
    assertThat(fromHome.exitCode()).isEqualTo(3);
  }

  @Test
  void globalOptions_workAfterTheSubcommand() {
    CliRun r = CliRun.run(home, "pki", "list", "--data", home.resolve("x").toString(), "--debug");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains(home.resolve("x").toString()).contains("at dev.drydock");
  }

  @Test
  void home_prefersHomeVariable() {
    assertThat(Main.home(Map.of("HOME", "/srv/ops"))).isEqualTo(Path.of("/srv/ops"));
    assertThat(Main.home(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
  }
}
