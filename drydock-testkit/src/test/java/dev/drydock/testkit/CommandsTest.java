package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final Commands commands = new Commands(Map.of("GREETING", "hello"));

  @TempDir Path dir;

  @Test
  void run_capturesOutputAndUsesOnlyGivenEnvironment() throws Exception {
    CommandResult result =
        commands.run(
            List.of("sh", "-c", "echo $GREETING $EXTRA; echo oops >&2; echo ${HOME:-none}"),
            Map.of("EXTRA", "world"),
            TIMEOUT);

    assertThat(result.stdout()).isEqualTo("hello world\nnone\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void run_nonZeroExit_throwsWithCommandAndStderr() {
    assertThatThrownBy(
            () -> commands.run(List.of("sh", "-c", "echo broken >&2; exit 3"), Map.of(), TIMEOUT))
        .isInstanceOfSatisfying(
            CommandFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(3);
              assertThat(e.stderr()).isEqualTo("broken\n");
              assertThat(e.command()).containsExactly("sh", "-c", "echo broken >&2; exit 3");
            })
        .hasMessageContaining(
            "Tried to run 'sh -c echo broken >&2; exit 3' but failed because: it exited with 3")
        .hasMessageContaining("stderr:\nbroken");
  }

  @Test
  void tryRun_nonZeroExit_returnsResult() throws Exception {
    assertThat(commands.tryRun(List.of("false"), Map.of(), TIMEOUT).exitCode()).isEqualTo(1);
  }

  @Test
  void run_timeout_killsAndThrows() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> commands.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(-1))
        .hasMessageContaining("did not finish within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void run_missingProgram_throwsCouldNotStart() {
    assertThatThrownBy(() -> commands.run(List.of("/nonexistent/program"), Map.of(), TIMEOUT))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("could not be started");
  }

  @Test
  void tail_longFile_keepsTheEnd() throws Exception {
    Path file = dir.resolve("big");
    Files.writeString(file, "a".repeat(Commands.MAX_OUTPUT_CHARS) + "END");

    assertThat(Commands.tail(file))
        .startsWith("...")
        .endsWith("aEND")
        .hasSize(Commands.MAX_OUTPUT_CHARS + 3);
  }

  @Test
  void executables_findOnPathAndSbin() {
    assertThat(Executables.find(Map.of("PATH", "/nonexistent"), "sh")).isPresent();
    assertThat(Executables.find(Map.of(), "no-such-program-drydock")).isEmpty();
    assertThatThrownBy(
            () -> Executables.require(Map.of(), "no-such-program-drydock", "Install it."))
        .hasMessageContaining("no-such-program-drydock is not installed. Install it.");
  }
}
