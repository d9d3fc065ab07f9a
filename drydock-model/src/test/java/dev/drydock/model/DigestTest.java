package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  private static final String HEX =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void parse_validSha256_roundTrips() {
    Digest d = Digest.parse("sha256:" + HEX);
    assertThat(d.algorithm()).isEqualTo("sha256");
    assertThat(d.hex()).isEqualTo(HEX);
    assertThat(d).hasToString("sha256:" + HEX);
    assertThat(d.shortHex()).isEqualTo("9f86d081884c");
  }

  @Test
  void sha256_fromBytes_encodesLowerHex() {
    byte[] hash = new byte[32];
    hash[0] = (byte) 0xAB;
    assertThat(Digest.sha256(hash).hex()).startsWith("ab00").hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256",
        ":abc",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        "sha256:9f86d0",
        "sha256:../../etc/passwd"
      })
  void parse_malformed_throwsNamingInput(String text) {
    assertThatThrownBy(() -> Digest.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Invalid digest")
        .satisfies(e -> assertThat(((InvalidValueException) e).kind()).isEqualTo("digest"));
  }

  @Test
  void invalidValue_longInput_isAbbreviatedInMessageButKept() {
    String input = "sha256:" + "z".repeat(500);
    InvalidValueException e = new InvalidValueException("digest", input, "bad");
    assertThat(e.getMessage()).hasSizeLessThan(200);
    assertThat(e.input()).isEqualTo(input);
  }
}
