package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNameTest {

  @ParameterizedTest
  @CsvSource({
    "DNS:registry.local, DNS:registry.local",
    "dns:Registry-1.example, DNS:Registry-1.example",
    "DNS:*.drydock.internal, DNS:*.drydock.internal",
    "registry, DNS:registry",
    "IP:10.0.0.5, IP:10.0.0.5",
    "10.0.0.5, IP:10.0.0.5",
    "IP:::1, IP:0:0:0:0:0:0:0:1",
    "2001:db8::1, IP:2001:db8:0:0:0:0:0:1",
    "URI:spiffe://drydock/agent, URI:spiffe://drydock/agent",
  })
  void parse_validName_normalisedWithPrefix(String text, String expected) {
    assertThat(SubjectAltName.parse(text)).hasToString(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DNS:",
        "FOO:x",
        "IP:999.1.1.1",
        "IP:010.0.0.1",
        "IP:1.2.3",
        "IP:registry",
        "IP:fe80::1%eth0",
        "URI:relative/path",
        "URI:has space",
        "DNS:-leading.hyphen",
        "DNS:under_score",
        "DNS:a..b",
        "1.2.3",
        "x:y",
        ""
      })
  void parse_invalidName_throwsNamingInput(String text) {
    assertThatThrownBy(() -> SubjectAltName.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Invalid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO:x", "IP:999.1.1.1", "DNS:"})
  void parse_invalidName_messageKeepsInput(String text) {
    assertThatThrownBy(() -> SubjectAltName.parse(text))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(text).contains(e.input()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"URI:spiffe://drydock/caf\u00e9", "URI:a:\uD800", "URI:a:b\uDC00"})
  void parse_nonAsciiUri_throwsInvalidValue(String text) {
    // Regression: an unpaired surrogate made URI.toASCIIString() throw NullPointerException.
    assertThatThrownBy(() -> SubjectAltName.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("absolute ASCII URI");
  }

  @Test
  void dns_tooLongLabel_rejected() {
    assertThatThrownBy(() -> new SubjectAltName.Dns("a".repeat(64) + ".example"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void value_ofEachType_hasNoPrefix() {
    assertThat(SubjectAltName.parse("DNS:a.b").value()).isEqualTo("a.b");
    assertThat(SubjectAltName.parse("IP:1.2.3.4").value()).isEqualTo("1.2.3.4");
    assertThat(SubjectAltName.parse("URI:https://x/y").value()).isEqualTo("https://x/y");
  }
}
