package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA's files as the real {@code openssl} reads them: keys, certificates, chains and CRLs. */
class OpensslCompatibilityIT {
  @TempDir Path tmp;
  private final MutableClock clock = MutableClock.ofSystemTime();

  @Test
  void encryptedCaKey_opensslDecryptsWithPassphraseOnly() throws Exception {
    Path dir = tmp.resolve("pki");
    CertificateAuthority.init(dir, CaOptions.defaults(), "s3cret pass".toCharArray(), clock);
    Path key = dir.resolve("issuing-key.pem");

    Processes.Result right =
        openssl("pkey", "-in", key.toString(), "-passin", "pass:s3cret pass", "-noout", "-text");
    Processes.Result wrong =
        openssl("pkey", "-in", key.toString(), "-passin", "pass:nope", "-noout");

    assertThat(right.exitCode()).as(right.output()).isZero();
    assertThat(right.output()).contains("prime256v1");
    assertThat(wrong.exitCode()).isNotZero();
  }

  @Test
  void issuedChain_opensslVerifiesForPurposeAndReadsExtensions() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp.resolve("pki"), clock);
    IssuedCertificate issued =
        ca.unlock(null)
            .issue(
                IssueRequest.server("registry").sans("DNS:registry.local", "IP:10.0.0.5").build(),
                tmp.resolve("registry"));

    Processes.Result verify =
        openssl(
            "verify",
            "-purpose",
            "sslserver",
            "-CAfile",
            issued.caFile().toString(),
            "-untrusted",
            issued.chainFile().toString(),
            issued.certFile().toString());
    Processes.Result text = openssl("x509", "-in", issued.certFile().toString(), "-noout", "-text");

    assertThat(verify.output()).contains(issued.certFile() + ": OK");
    assertThat(text.output())
        .contains("CA:FALSE")
        .contains("Digital Signature")
        .contains("TLS Web Server Authentication")
        .contains("DNS:registry.local, IP Address:10.0.0.5")
        .contains("X509v3 Subject Key Identifier")
        .contains("X509v3 Authority Key Identifier");
    Processes.Result issuing =
        openssl("x509", "-in", ca.issuingCertificateFile().toString(), "-noout", "-text");
    assertThat(issuing.output())
        .contains("CA:TRUE, pathlen:0")
        .contains("Certificate Sign, CRL Sign");
  }

  @Test
  void crl_opensslVerifiesSignatureAndRefusesRevokedCertificate() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp.resolve("pki"), clock);
    Issuer issuer = ca.unlock(null);
    IssuedCertificate good = Fixtures.client(issuer, tmp.resolve("good"), "good");
    IssuedCertificate bad = Fixtures.client(issuer, tmp.resolve("bad"), "bad");
    issuer.revoke(bad.serial(), RevocationReason.KEY_COMPROMISE);

    Processes.Result crl =
        openssl(
            "crl",
            "-in",
            ca.crlFile().toString(),
            "-CAfile",
            ca.issuingCertificateFile().toString(),
            "-noout",
            "-text");
    assertThat(crl.output())
        .contains("verify OK")
        .contains("X509v3 CRL Number")
        .contains("Next Update")
        .contains("Serial Number: " + bad.serial().hex())
        .contains("Key Compromise");

    assertThat(crlCheck(ca, good).output()).contains(": OK");
    assertThat(crlCheck(ca, bad).output()).contains("certificate revoked");
  }

  private Processes.Result crlCheck(CertificateAuthority ca, IssuedCertificate issued)
      throws Exception {
    return openssl(
        "verify",
        "-crl_check",
        "-CAfile",
        ca.rootCertificateFile().toString(),
        "-untrusted",
        ca.issuingCertificateFile().toString(),
        "-CRLfile",
        ca.crlFile().toString(),
        issued.certFile().toString());
  }

  private Processes.Result openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    return Processes.run(tmp, "", command);
  }
}
