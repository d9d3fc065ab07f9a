package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerialNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"7F3A09", "7f3a09", "0x7f3a09", "7f:3a:09", " 7F3A09 "})
  void parse_hexForms_sameSerial(String text) {
    assertThat(SerialNumber.parse(text).value()).isEqualTo(BigInteger.valueOf(0x7f3a09));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "xyz", "0", "00", "-5", "12 34"})
  void parse_notPositiveHex_throws(String text) {
    assertThatThrownBy(() -> SerialNumber.parse(text)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void new_zeroOrNegative_throws() {
    assertThatThrownBy(() -> new SerialNumber(BigInteger.ZERO))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new SerialNumber(BigInteger.TEN.negate()))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void random_many_positiveUniqueAndAtLeast64Bits() {
    SecureRandom random = new SecureRandom();
    Set<SerialNumber> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      SerialNumber serial = SerialNumber.random(random);
      assertThat(serial.value().signum()).isPositive();
      assertThat(serial.value().bitLength()).isEqualTo(127);
      assertThat(serial.hex()).hasSize(32).isUpperCase();
      assertThat(seen.add(serial)).isTrue();
    }
  }

  @Test
  void toString_isUpperHex() {
    assertThat(new SerialNumber(BigInteger.valueOf(255))).hasToString("FF");
  }
}
