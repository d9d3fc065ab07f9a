package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationReasonTest {

  @ParameterizedTest
  @ValueSource(strings = {"KEY_COMPROMISE", "key-compromise", "keyCompromise", "keycompromise"})
  void parse_anySpelling_keyCompromise(String text) {
    assertThat(RevocationReason.parse(text)).isEqualTo(RevocationReason.KEY_COMPROMISE);
  }

  @Test
  void parse_unknown_throwsListingReasons() {
    assertThatThrownBy(() -> RevocationReason.parse("certificateHold"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("SUPERSEDED");
  }

  @Test
  void ofCode_knownAndUnknown_mapsOrFallsBack() {
    assertThat(RevocationReason.ofCode(9)).isEqualTo(RevocationReason.PRIVILEGE_WITHDRAWN);
    assertThat(RevocationReason.ofCode(6)).isEqualTo(RevocationReason.UNSPECIFIED);
    assertThat(RevocationReason.SUPERSEDED.code()).isEqualTo(4);
  }
}
