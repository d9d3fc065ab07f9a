package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drydock's TLS server against the real {@code openssl s_client}, in TLS 1.3 with client
 * certificates.
 */
class OpensslTlsIT {
  @TempDir Path tmp;
  private final MutableClock clock = MutableClock.ofSystemTime();
  private CertificateAuthority ca;
  private Issuer issuer;
  private TestServer server;

  @BeforeEach
  void startServer() throws Exception {
    ca = Fixtures.newCa(tmp.resolve("pki"), clock);
    issuer = ca.unlock(null);
    IssuedCertificate serverCert = Fixtures.server(issuer, tmp.resolve("server"));
    server =
        TestServer.start(
            TlsContext.server(TlsOptions.of(serverCert.tlsFiles().withCrl(ca.crlFile())), clock));
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void sClient_withDrydockClientCertificate_tls13VerifiedAndIdentitySeen() throws Exception {
    IssuedCertificate alice = Fixtures.client(issuer, tmp.resolve("alice"), "alice");

    Processes.Result result = sClient(alice.caFile(), alice.certFile(), alice.keyFile());

    assertThat(result.output())
        .contains("TLSv1.3")
        .contains("Verify return code: 0 (ok)")
        .contains("hello alice roles=[ops, admin]");
    TestServer.Outcome outcome = server.next();
    assertThat(outcome.failure()).isNull();
    assertThat(outcome.line()).isEqualTo("hello from openssl");
    ClientIdentity identity = outcome.requireIdentity();
    assertThat(identity.commonName()).isEqualTo("alice");
    assertThat(identity.roles()).containsExactly("ops", "admin");
    assertThat(identity.serial()).isEqualTo(alice.serial());
  }

  @Test
  void sClient_withoutClientCertificate_refused() throws Exception {
    Processes.Result result = sClient(ca.rootCertificateFile(), null, null);

    assertThat(result.output()).doesNotContain("hello ");
    assertThat(result.output()).containsIgnoringCase("alert");
    assertThat(server.next().failure()).isNotNull();
  }

  @Test
  void sClient_withCertificateFromAnotherCa_refused() throws Exception {
    Issuer stranger = Fixtures.newIssuer(tmp.resolve("other-pki"), clock);
    IssuedCertificate foreign = Fixtures.client(stranger, tmp.resolve("foreign"), "alice");

    Processes.Result result =
        sClient(ca.rootCertificateFile(), foreign.certFile(), foreign.keyFile());

    assertThat(result.output()).doesNotContain("hello ");
    assertThat(server.next().failure()).hasStackTraceContaining("is not trusted");
  }

  @Test
  void sClient_withExpiredClientCertificate_refused() throws Exception {
    IssuedCertificate expired = Fixtures.expiredClient(issuer, tmp.resolve("old"), clock);

    Processes.Result result = sClient(expired.caFile(), expired.certFile(), expired.keyFile());

    assertThat(result.output()).doesNotContain("hello ");
    assertThat(server.next().failure()).hasStackTraceContaining("validity check failed");
  }

  @Test
  void sClient_withRevokedClientCertificate_refused() throws Exception {
    IssuedCertificate mallory = Fixtures.client(issuer, tmp.resolve("mallory"), "mallory");
    issuer.revoke(mallory.serial(), RevocationReason.KEY_COMPROMISE);
    clock.advance(TlsOptions.DEFAULT_RELOAD_INTERVAL.plusSeconds(1));

    Processes.Result result = sClient(mallory.caFile(), mallory.certFile(), mallory.keyFile());

    assertThat(result.output()).doesNotContain("hello ");
    assertThat(server.next().failure()).hasStackTraceContaining("revoked");
  }

  private Processes.Result sClient(Path caFile, @Nullable Path certFile, @Nullable Path keyFile)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + server.port(),
                "-tls1_3",
                "-CAfile",
                caFile.toString(),
                "-verify_return_error",
                "-verify_ip",
                "127.0.0.1",
                "-ign_eof"));
    if (certFile != null && keyFile != null) {
      command.addAll(
          List.of(
              "-cert",
              certFile.toString(),
              "-key",
              keyFile.toString(),
              "-cert_chain",
              ca.issuingCertificateFile().toString()));
    }
    return Processes.run(tmp, "hello from openssl\n", command);
  }
}
