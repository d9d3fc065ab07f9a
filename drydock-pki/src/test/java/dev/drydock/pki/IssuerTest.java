package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void issue_server_writesFourFilesWithLeafChainKeyAndRoot() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp.resolve("pki"), clock);
    Issuer issuer = ca.unlock(null);
    IssuedCertificate issued =
        issuer.issue(
            IssueRequest.server("registry")
                .sans("DNS:registry.local", "IP:10.0.0.5", "URI:spiffe://drydock/registry")
                .build(),
            tmp.resolve("out"));

    assertThat(Pem.readCertificates(issued.certFile())).containsExactly(issued.certificate());
    assertThat(Pem.readCertificates(issued.chainFile()))
        .containsExactly(issued.certificate(), ca.issuingCertificate());
    assertThat(Pem.readCertificates(issued.caFile())).containsExactly(ca.rootCertificate());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(issued.keyFile())))
        .isEqualTo("rw-------");
    Keys.checkPair(
        Pem.readPrivateKey(issued.keyFile(), null),
        issued.certificate().getPublicKey(),
        issued.keyFile(),
        issued.certFile());
    assertThat(issued.directory()).isEqualTo(tmp.resolve("out").toAbsolutePath());
    assertThat(tmp.resolve("out")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void issue_server_hasLeafExtensionsAndSans() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    X509Certificate cert =
        issuer
            .issue(
                IssueRequest.server("registry")
                    .sans("DNS:registry.local", "IP:10.0.0.5", "URI:spiffe://drydock/registry")
                    .organisationalUnits("registry")
                    .build())
            .certificate();

    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getKeyUsage()[2]).as("keyEncipherment").isFalse();
    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(cert.getExtensionValue("2.5.29.14")).isNotNull();
    assertThat(cert.getExtensionValue("2.5.29.35")).isNotNull();
    assertThat(Certificates.sans(cert))
        .extracting(SubjectAltName::toString)
        .containsExactly("DNS:registry.local", "IP:10.0.0.5", "URI:spiffe://drydock/registry");
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=registry,OU=registry,O=drydock");
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(397)));
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(T0.minus(Duration.ofMinutes(1)));
    assertThat(cert.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
  }

  @Test
  void issue_rsaClient_addsKeyEnciphermentAndClientAuth() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    X509Certificate cert =
        issuer
            .issue(IssueRequest.client("alice").keyAlgorithm(KeyAlgorithm.RSA_3072).build())
            .certificate();
    assertThat(cert.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
  }

  @Test
  void issue_defaultDirectory_isIssuedNameUnderCa() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    IssuedCertificate issued = issuer.issue(IssueRequest.client("alice").build());
    assertThat(issued.directory()).isEqualTo(tmp.toAbsolutePath().resolve("issued/alice"));
    assertThat(tmp.resolve("certs").resolve(issued.serial().hex() + ".pem")).exists();
  }

  @Test
  void issue_explicitPastWindow_isExpiredInList() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    Issuer issuer = ca.unlock(null);
    IssuedCertificate issued =
        issuer.issue(
            IssueRequest.client("old")
                .validity(T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(1)))
                .build());
    assertThat(issued.certificate().getNotAfter().toInstant())
        .isEqualTo(T0.minus(Duration.ofDays(1)));
    assertThat(ca.find(issued.serial()).status()).isEqualTo(CertificateStatus.EXPIRED);
  }

  @Test
  void issue_beyondIssuingCa_cutToItsEnd() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    clock.advance(Duration.ofDays(1826 - 10));
    X509Certificate cert = ca.unlock(null).issue(IssueRequest.client("late").build()).certificate();
    assertThat(cert.getNotAfter()).isEqualTo(ca.issuingCertificate().getNotAfter());
  }

  @Test
  void issue_afterIssuingCaExpired_throws() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    clock.advance(Duration.ofDays(1827));
    assertThatThrownBy(() -> issuer.issue(IssueRequest.client("late").build()))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void issue_manyCertificates_uniqueSerials() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    Issuer issuer = ca.unlock(null);
    for (int i = 0; i < 5; i++) {
      issuer.issue(IssueRequest.client("c" + i).build());
    }
    assertThat(ca.list()).extracting(CertificateRecord::serial).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void issue_concurrentIssuersOnOneCa_noRecordLost() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    List<Issuer> issuers = List.of(ca.unlock(null), ca.unlock(null), ca.unlock(null));
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<IssuedCertificate>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Issuer issuer = issuers.get(i % issuers.size());
        String name = "c" + i;
        results.add(executor.submit(() -> issuer.issue(IssueRequest.client(name).build())));
      }
      for (Future<IssuedCertificate> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(ca.list()).hasSize(12);
    assertThat(tmp.resolve("certs")).isDirectoryContaining("glob:**.pem");
  }

  @Test
  void list_afterIssueRevokeAndTime_showsEachStatus() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    Issuer issuer = ca.unlock(null);
    IssuedCertificate server =
        issuer.issue(IssueRequest.server("web").sans("IP:10.0.0.1").days(30).build());
    IssuedCertificate client = issuer.issue(IssueRequest.client("bob").days(400).build());
    IssuedCertificate revoked = issuer.issue(IssueRequest.client("eve").build());
    issuer.revoke(revoked.serial(), RevocationReason.KEY_COMPROMISE);
    clock.advance(Duration.ofDays(31));

    List<CertificateRecord> records = ca.list();
    assertThat(records)
        .extracting(CertificateRecord::serial, CertificateRecord::status)
        .containsExactly(
            tuple(server.serial(), CertificateStatus.EXPIRED),
            tuple(client.serial(), CertificateStatus.VALID),
            tuple(revoked.serial(), CertificateStatus.REVOKED));
    CertificateRecord first = records.getFirst();
    assertThat(first.kind()).isEqualTo(CertificateKind.SERVER);
    assertThat(first.subject()).isEqualTo("CN=web,O=drydock");
    assertThat(first.sans()).containsExactly(SubjectAltName.parse("IP:10.0.0.1"));
    assertThat(first.notAfter()).isEqualTo(T0.plus(Duration.ofDays(30)));
    assertThat(records.getLast().revocation())
        .isEqualTo(new Revocation(T0, RevocationReason.KEY_COMPROMISE));
  }

  @Test
  void revoke_issued_writesSignedCrlWithEntryReasonAndNumber() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    Issuer issuer = ca.unlock(null);
    IssuedCertificate issued = issuer.issue(IssueRequest.client("mallory").build());
    X509CRL initial = Pem.readCrl(ca.crlFile());
    clock.advance(Duration.ofHours(1));

    CertificateRecord record = issuer.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE);

    assertThat(record.status()).isEqualTo(CertificateStatus.REVOKED);
    X509CRL crl = Pem.readCrl(ca.crlFile());
    crl.verify(ca.issuingCertificate().getPublicKey());
    assertThat(crl.getVersion()).isEqualTo(2);
    assertThat(crl.getIssuerX500Principal())
        .isEqualTo(ca.issuingCertificate().getSubjectX500Principal());
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(crl.getNextUpdate().toInstant())
        .isEqualTo(T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(7)));
    var entry = crl.getRevokedCertificate(issued.certificate());
    assertThat(entry).isNotNull();
    assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(crlNumber(crl)).isEqualTo(crlNumber(initial).add(BigInteger.ONE));
    assertThat(initial.getRevokedCertificates()).isNull();
  }

  @Test
  void revoke_clockWithNanoseconds_indexKeepsWholeSecondsLikeOtherDates() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    Issuer issuer = ca.unlock(null);
    SerialNumber serial = issuer.issue(IssueRequest.client("nano").build()).serial();
    clock.advance(Duration.ofNanos(123_456_789));

    CertificateRecord revoked = issuer.revoke(serial, RevocationReason.SUPERSEDED);

    assertThat(revoked.revocation())
        .isEqualTo(new Revocation(T0, RevocationReason.SUPERSEDED))
        .isEqualTo(ca.find(serial).revocation());
    String line = Files.readAllLines(tmp.resolve("index.tsv")).getLast();
    assertThat(line).contains("\t2026-03-01T12:00:00Z\tSUPERSEDED\t").doesNotContain(".123");
  }

  @Test
  void revoke_twice_keepsFirstRevocation() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    SerialNumber serial = issuer.issue(IssueRequest.client("x").build()).serial();
    CertificateRecord first = issuer.revoke(serial, RevocationReason.SUPERSEDED);
    clock.advance(Duration.ofMinutes(5));
    CertificateRecord second = issuer.revoke(serial, RevocationReason.KEY_COMPROMISE);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void revoke_unknownSerial_throwsTyped() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    assertThatThrownBy(
            () -> issuer.revoke(SerialNumber.parse("DEAD"), RevocationReason.UNSPECIFIED))
        .isInstanceOf(UnknownSerialException.class)
        .hasMessageContaining("DEAD")
        .hasMessageContaining(tmp.toAbsolutePath().toString());
  }

  @Test
  void writeCrl_onDemand_incrementsNumberAndMovesDates() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    Issuer issuer = ca.unlock(null);
    BigInteger before = crlNumber(Pem.readCrl(ca.crlFile()));
    clock.advance(Duration.ofDays(6));
    Path written = issuer.writeCrl();
    X509CRL crl = Pem.readCrl(written);
    assertThat(crlNumber(crl)).isEqualTo(before.add(BigInteger.ONE));
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(6)));
    assertThat(tmp.resolve("crlnumber"))
        .content()
        .isEqualToIgnoringNewLines(crlNumber(crl).toString());
  }

  @Test
  void writeCrl_damagedCrlNumber_throwsNamingFile() throws Exception {
    Issuer issuer = Fixtures.newIssuer(tmp, clock);
    Files.writeString(tmp.resolve("crlnumber"), "eleven");
    assertThatThrownBy(issuer::writeCrl)
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("crlnumber");
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] outer = crl.getExtensionValue("2.5.29.20");
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(outer).getOctets()).getValue();
  }
}
