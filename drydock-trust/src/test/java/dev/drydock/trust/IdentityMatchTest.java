package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.ImageRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityMatchTest {
  private static final ImageRef IMAGE = ImageRef.parse("registry.example:5000/team/app:1.0");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "registry.example:5000/team/app",
        "registry.example:5000/team/app:1.0",
        "registry.example:5000/team/app@sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00"
      })
  void theSameRepositoryMatches(String signed) {
    assertThatCode(() -> SignatureVerifier.checkIdentity("t", signed, IMAGE))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "registry.example:5000/team/app:2.0, WRONG_IDENTITY",
    "registry.example:5000/team/other, WRONG_IDENTITY",
    "other.example/team/app:1.0, WRONG_IDENTITY",
    "UPPERCASEISINVALID, MALFORMED_BUNDLE"
  })
  void otherIdentitiesAreRefused(String signed, RefusalReason reason) {
    assertThatThrownBy(() -> SignatureVerifier.checkIdentity("t", signed, IMAGE))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
