package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostnameMatcherTest {
  @TempDir Path tmp;
  private X509Certificate certificate;

  @BeforeEach
  void issue() throws Exception {
    Issuer issuer =
        Fixtures.newIssuer(tmp, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    certificate =
        issuer
            .issue(
                IssueRequest.server("registry")
                    .sans("DNS:registry.local", "DNS:*.drydock.internal", "IP:10.0.0.5", "IP:::1")
                    .build())
            .certificate();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "registry.local",
        "REGISTRY.Local",
        "registry.local.",
        "siem.drydock.internal",
        "10.0.0.5",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1"
      })
  void check_namedHost_passes(String host) {
    assertThatCode(() -> HostnameMatcher.check(host, certificate)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "registry",
        "other.local",
        "drydock.internal",
        "a.b.drydock.internal",
        "10.0.0.6",
        "127.0.0.1",
        "registry.local.evil"
      })
  void check_otherHost_throwsNamingHost(String host) {
    assertThatThrownBy(() -> HostnameMatcher.check(host, certificate))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("is not valid for " + host);
  }
}
