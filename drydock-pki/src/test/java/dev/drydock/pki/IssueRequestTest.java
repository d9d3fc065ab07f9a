package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueRequestTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void build_serverDefaults_397DaysP256AndCommonNameAsDns() {
    IssueRequest request = IssueRequest.server("registry.local").build();
    assertThat(request.days()).isEqualTo(397);
    assertThat(request.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P256);
    assertThat(request.sans()).containsExactly(new SubjectAltName.Dns("registry.local"));
    assertThat(request.window()).isNull();
  }

  @Test
  void build_clientDefaults_365DaysNoSans() {
    IssueRequest request = IssueRequest.client("alice").organisationalUnits("ops").build();
    assertThat(request.days()).isEqualTo(365);
    assertThat(request.sans()).isEmpty();
    assertThat(request.organisationalUnits()).containsExactly("ops");
  }

  @Test
  void build_duplicateSans_keptOnce() {
    IssueRequest request = IssueRequest.server("x").sans("DNS:a", "a", "IP:1.2.3.4").build();
    assertThat(request.sans()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 826, 10_000})
  void build_serverDaysOutOfRange_throws(int days) {
    assertThatThrownBy(() -> IssueRequest.server("registry").days(days).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1 to 825 days");
  }

  @Test
  void build_serverWithoutUsableName_throws() {
    assertThatThrownBy(() -> IssueRequest.server("my registry").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("subject alternative name");
  }

  @Test
  void build_serverWithOnlyUriName_throws() {
    assertThatThrownBy(
            () -> IssueRequest.server("agent").sans("URI:spiffe://drydock/agent").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("URI:spiffe://drydock/agent")
        .hasMessageContaining("needs a DNS or IP subject alternative name");
  }

  @Test
  void build_serverWithUriAndIp_keepsBoth() {
    IssueRequest request =
        IssueRequest.server("agent").sans("URI:spiffe://drydock/agent", "IP:10.0.0.7").build();
    assertThat(request.sans())
        .containsExactly(
            SubjectAltName.parse("URI:spiffe://drydock/agent"), SubjectAltName.parse("10.0.0.7"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "a/b", "a\\b", ".hidden", "", " ", "tab\there"})
  void build_nameUnfitForFiles_throws(String name) {
    assertThatThrownBy(() -> IssueRequest.client(name).build())
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void build_nameLongerThan64_throws() {
    assertThatThrownBy(() -> IssueRequest.client("n".repeat(65)).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1 to 64");
  }

  @Test
  void build_controlCharacterInRole_throws() {
    assertThatThrownBy(() -> IssueRequest.client("alice").organisationalUnits("a\nb").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("control characters");
  }

  @Test
  void build_windowLongerThanLimit_throws() {
    assertThatThrownBy(
            () -> IssueRequest.client("a").validity(T0, T0.plus(Duration.ofDays(900))).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("825");
  }

  @Test
  void validity_reversedWindow_throws() {
    assertThatThrownBy(() -> new Validity(T0, T0)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void validity_subSecond_truncated() {
    Validity validity = new Validity(T0.plusMillis(1500), T0.plusSeconds(10));
    assertThat(validity.notBefore()).isEqualTo(T0.plusSeconds(1));
    assertThat(validity.length()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void caOptions_issuingOutlivesRoot_throws() {
    assertThatThrownBy(
            () ->
                new CaOptions(
                    "drydock", KeyAlgorithm.EC_P256, Duration.ofDays(10), Duration.ofDays(11)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void caOptions_with_changesOnePart() {
    CaOptions options = CaOptions.defaults().withKeyAlgorithm(KeyAlgorithm.RSA_3072).withName("x");
    assertThat(options.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA_3072);
    assertThat(options.name()).isEqualTo("x");
    assertThat(options.rootValidity()).isEqualTo(CaOptions.defaults().rootValidity());
  }

  @Test
  void tlsOptions_negativeInterval_throws() {
    TlsFiles files = TlsFiles.in(Path.of("x"));
    assertThatThrownBy(() -> TlsOptions.of(files).withReloadInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidValueException.class);
  }
}
