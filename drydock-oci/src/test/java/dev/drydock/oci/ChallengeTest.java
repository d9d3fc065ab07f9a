package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeTest {
  @Test
  void parse_distributionBearerChallenge() throws Exception {
    Challenge c =
        Challenge.parse(
            "Bearer realm=\"https://127.0.0.1:5446/token\",service=\"drydock-test-registry\","
                + "scope=\"repository:test/tok:pull\",error=\"insufficient_scope\"");

    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.param("realm")).isEqualTo("https://127.0.0.1:5446/token");
    assertThat(c.param("service")).isEqualTo("drydock-test-registry");
    assertThat(c.param("scope")).isEqualTo("repository:test/tok:pull");
    assertThat(c.param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void parse_basicWithEscapesAndTokens() throws Exception {
    Challenge c = Challenge.parse("Basic realm=\"a \\\"quoted\\\" realm\" , charset=UTF-8");

    assertThat(c.scheme()).isEqualTo("basic");
    assertThat(c.param("realm")).isEqualTo("a \"quoted\" realm");
    assertThat(c.param("charset")).isEqualTo("UTF-8");
  }

  @Test
  void parse_twoChallenges_keepsFirst() throws Exception {
    Challenge c = Challenge.parse("Bearer realm=\"r\", Basic realm=\"b\"");
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.param("realm")).isEqualTo("r");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "   ", "Bearer realm=\"open", "Bearer =x", "Bearer realm=\"a\" service=\"b\""})
  void parse_malformed_isRejected(String header) {
    assertThatThrownBy(() -> Challenge.parse(header)).isInstanceOf(MalformedContentException.class);
  }
}
