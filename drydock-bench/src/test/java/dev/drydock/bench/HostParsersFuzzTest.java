package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parsers of host input a hostile host controls: dockerd's command line, daemon.json,
 * audit rules, {@code /etc/group} and {@code /proc/net/tcp} lines. Each returns a value or throws
 * its documented exception, never anything else.
 *
 * <p>Runs its seeds (in {@code HostParsersFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class HostParsersFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    List<String> argv = List.of(text.split("\0", -1));
    if (argv.size() <= DaemonArgs.MAX_ARGS) {
      DaemonArgs args = DaemonArgs.parse(argv);
      for (String name : args.names()) {
        assertThat(args.last(name)).isPresent();
      }
    }
    for (AuditRules.Watch w : AuditRules.parse(text, "fuzz")) {
      assertThat(w.path()).startsWith("/");
    }
    Groups.parse(text).nameOf(0);
    ServingDaemon.parseTcp(text).ifPresent(e -> assertThat(e.port()).isBetween(0, 0xFFFF));
    try {
      DaemonJson.parse(text, "/fuzz.json");
    } catch (BenchException expected) {
      assertThat(expected.getMessage()).contains("/fuzz.json");
    }
  }
}
