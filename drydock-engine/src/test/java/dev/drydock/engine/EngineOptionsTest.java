package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {
  @Test
  void defaults_areBounded() {
    EngineOptions options = EngineOptions.defaults();

    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.readTimeoutMillis()).isEqualTo(60_000);
    assertThat(options.maxResponseBytes()).isEqualTo(EngineOptions.DEFAULT_MAX_RESPONSE_BYTES);
    assertThat(options.withReadTimeout(Duration.ofDays(365 * 100)).readTimeoutMillis())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void create_rejectsNonPositiveLimits() {
    assertThatThrownBy(() -> new EngineOptions(Duration.ZERO, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> EngineOptions.defaults().withReadTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> EngineOptions.defaults().withMaxResponseBytes(0))
        .hasMessageContaining("maxResponseBytes");
  }
}
