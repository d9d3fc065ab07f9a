package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunNamesTest {
  private static final Instant START = Instant.parse("2026-12-04T20:00:00Z");
  private final RunNames names = RunNames.start(Clock.fixed(START, ZoneOffset.UTC), new Random(1));

  @Test
  void name_hasPrefixRunIdAndBase() {
    String name = names.name("web");

    assertThat(name).matches("ddt-[0-9a-z]{11}-web");
    assertThat(name).startsWith(RunNames.PREFIX + names.runId());
    assertThat(names.owns(name)).isTrue();
    assertThat(names.owns("ddt-0000000zzzz-web")).isFalse();
  }

  @Test
  void startedAt_readsRunStartBackFromName() {
    assertThat(RunNames.startedAt(names.name("db"))).contains(START);
    assertThat(RunNames.startedAt("ddt-short-x")).isEmpty();
    assertThat(RunNames.startedAt("someone-elses-container")).isEmpty();
  }

  @Test
  void name_invalidBase_throws() {
    for (String bad : new String[] {"", "Web", "-x", "a b", "x".repeat(41), "a/b"}) {
      assertThatThrownBy(() -> names.name(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void start_differentSalt_givesDifferentRunIds() {
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);

    assertThat(RunNames.start(clock, new Random(1)).runId())
        .isNotEqualTo(RunNames.start(clock, new Random(2)).runId());
  }
}
