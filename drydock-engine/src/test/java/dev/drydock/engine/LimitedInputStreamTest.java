package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {
  @Test
  void read_bodyOfExactlyLimit_passes() throws IOException {
    assertThat(limited("abc", 3).readAllBytes()).hasSize(3);
  }

  @Test
  void read_bodyOverLimit_throws() {
    assertThatThrownBy(() -> limited("abcd", 3).readAllBytes())
        .isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void read_longMaxLimit_readsBody() {
    // Regression: limit - count + 1 overflowed to Long.MIN_VALUE, which (int) made a 0-byte read,
    // so readAllBytes spun forever for EngineOptions.withMaxResponseBytes(Long.MAX_VALUE).
    byte[] body =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> limited("abc", Long.MAX_VALUE).readAllBytes());

    assertThat(body).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
  }

  private static InputStream limited(String body, long limit) {
    return new LimitedInputStream(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), limit);
  }
}
