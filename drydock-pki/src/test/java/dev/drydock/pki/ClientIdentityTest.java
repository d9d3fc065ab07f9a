package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Instant;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientIdentityTest {
  @TempDir Path tmp;

  @Test
  void of_clientCertificate_readsNameRolesSansSerialAndExpiry() throws Exception {
    Issuer issuer =
        Fixtures.newIssuer(tmp, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    IssuedCertificate issued =
        issuer.issue(
            IssueRequest.client("agent-7")
                .organisationalUnits("monitor", "siem-writer")
                .sans("URI:spiffe://drydock/agent/7")
                .build());

    ClientIdentity identity = ClientIdentity.of(issued.certificate());

    assertThat(identity.commonName()).isEqualTo("agent-7");
    assertThat(identity.roles()).containsExactly("monitor", "siem-writer");
    assertThat(identity.sans())
        .containsExactly(SubjectAltName.parse("URI:spiffe://drydock/agent/7"));
    assertThat(identity.serial()).isEqualTo(issued.serial());
    assertThat(identity.notAfter()).isEqualTo(issued.certificate().getNotAfter().toInstant());
  }

  @Test
  void from_sessionWithoutPeerCertificate_throwsTyped() {
    SSLSession session = session(null);
    assertThatThrownBy(() -> ClientIdentity.from(session))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("presented no certificate");
  }

  @Test
  void from_sessionWithEmptyChain_throwsTyped() {
    SSLSession session = session(new Certificate[0]);
    assertThatThrownBy(() -> ClientIdentity.from(session))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("no X.509 certificate");
  }

  private static SSLSession session(Certificate @Nullable [] chain) {
    return (SSLSession)
        Proxy.newProxyInstance(
            ClientIdentityTest.class.getClassLoader(),
            new Class<?>[] {SSLSession.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getPeerCertificates" -> {
                    if (chain == null) {
                      throw new SSLPeerUnverifiedException("peer not authenticated");
                    }
                    yield chain;
                  }
                  case "getPeerHost" -> "10.0.0.9";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
