package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Test;

class ApiVersionTest {
  @Test
  void parse_valid_roundTrips() {
    ApiVersion v = ApiVersion.parse("1.41");

    assertThat(v.major()).isEqualTo(1);
    assertThat(v.minor()).isEqualTo(41);
    assertThat(v).hasToString("1.41");
    assertThat(v.pathPrefix()).isEqualTo("/v1.41");
  }

  @Test
  void parse_malformed_throwsNamingInput() {
    for (String bad : new String[] {"", "1", "v1.41", "1.41.0", "1.x", "0.9", "12345.1"}) {
      assertThatThrownBy(() -> ApiVersion.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.input()).isIn(bad, "0.9"));
    }
  }

  @Test
  void compareTo_ordersNumerically() {
    assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.10"));
    assertThat(ApiVersion.parse("2.0")).isGreaterThan(ApiVersion.parse("1.99"));
    assertThat(ApiVersion.parse("1.41").min(ApiVersion.parse("1.47"))).hasToString("1.41");
    assertThat(ApiVersion.parse("1.50").min(ApiVersion.parse("1.47"))).hasToString("1.47");
  }
}
