package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path tmp;
  private IssuedCertificate issued;

  @BeforeEach
  void issue() throws Exception {
    Issuer issuer =
        Fixtures.newIssuer(
            tmp.resolve("pki"), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    issued = issuer.issue(IssueRequest.client("alice").build(), tmp.resolve("alice"));
  }

  @Test
  void readCertificates_garbage_throwsNamingFile() throws Exception {
    Path file = write("garbage.pem", "this is not PEM at all\n");
    assertThatThrownBy(() -> Pem.readCertificates(file))
        .isInstanceOfSatisfying(
            InvalidPemException.class, e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no PEM CERTIFICATE block");
  }

  @Test
  void readCertificates_truncated_throws() throws Exception {
    String pem = Files.readString(issued.certFile());
    Path file = write("truncated.pem", pem.substring(0, pem.length() / 2));
    assertThatThrownBy(() -> Pem.readCertificates(file))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("not valid PEM");
  }

  @Test
  void readCertificates_badBase64_throws() throws Exception {
    Path file = write("bad.pem", "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> Pem.readCertificates(file)).isInstanceOf(InvalidPemException.class);
  }

  @Test
  void readCertificates_keyFile_throwsWrongType() {
    assertThatThrownBy(() -> Pem.readCertificates(issued.keyFile()))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("a PRIVATE KEY, not a CERTIFICATE");
  }

  @Test
  void readCertificates_missing_throws() {
    assertThatThrownBy(() -> Pem.readCertificates(tmp.resolve("nope.pem")))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void readPrivateKey_certificateFile_throwsWrongType() {
    assertThatThrownBy(() -> Pem.readPrivateKey(issued.certFile(), null))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("a CERTIFICATE, not a private key");
  }

  @Test
  void readPrivateKey_empty_throws() throws Exception {
    Path file = write("empty.pem", "");
    assertThatThrownBy(() -> Pem.readPrivateKey(file, null))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("found 0");
  }

  @Test
  void readPrivateKey_legacyEncrypted_throwsWithConversionHint() throws Exception {
    Path file =
        write(
            "legacy.pem",
            """
            -----BEGIN EC PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF

            AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
            -----END EC PRIVATE KEY-----
            """);
    assertThatThrownBy(() -> Pem.readPrivateKey(file, null))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void readPrivateKey_garbageInsidePrivateKeyBlock_throws() throws Exception {
    Path file =
        write(
            "junk.pem",
            new String(Pem.encode("PRIVATE KEY", new byte[] {1, 2, 3}), StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Pem.readPrivateKey(file, null))
        .isInstanceOf(InvalidPemException.class);
  }

  @Test
  void readCrl_certificateFile_throws() {
    assertThatThrownBy(() -> Pem.readCrl(issued.certFile()))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("X509 CRL");
  }

  @Test
  void readCrl_badDerInRevokedEntry_throwsInvalidPem() throws Exception {
    // Regression (found by PemFuzzTest#crl): a drydock CRL whose revoked entry's revocationDate
    // tag was corrupted. BouncyCastle parses revoked entries lazily, so the failure surfaced from
    // X509CRLHolder.getEncoded() as an unchecked ASN1ParsingException instead of this exception.
    Path file =
        write(
            "corrupt-crl.pem",
            """
            -----BEGIN X509 CRL-----
            MIIBJDCBywIBATAKBggqhkjOPQQDAjA4MRAwDgYDVQQKDAdkcnlkb2NrMSQwIgYD
            VQQDDBtkcnlkb2NrIElzc3VpbmcgQ0EgYWVlY2RkNTEXDTI2MDEwMTAwMDAwMFoX
            DTI2MDEwODAwMDAwMFowMTAvAhBdknzSwOa4oQiablGwBGvFTF0yNjAxMDEwMDAw
            MDBaMAwwCgYDVR0VBAMKAQGgLzAtMB8GA1UdIwQYMBaAFIlNYCpFgSRSQKifevUo
            phzRCUr/MAoGA1UdFAQDAgEDMAoGCCqGSM4B9MACA0gAMEUCIAeujjH4QAJBWo9i
            z5rH14ZOgLnXgINtsfq/2fRFtTopAiEA1LH2vctnQ4UsLabgnjsLywu6Asto/NKX
            jm8SJNc37kE=
            -----END X509 CRL-----
            """);

    assertThatThrownBy(() -> Pem.readCrl(file))
        .isInstanceOfSatisfying(
            InvalidPemException.class, e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageContaining("the CRL does not parse");
  }

  @Test
  void encodeThenRead_chain_roundTrips() throws Exception {
    var chain = Pem.readCertificates(issued.chainFile());
    Path file = tmp.resolve("copy.pem");
    Files.write(file, Pem.encodeCertificates(chain));
    assertThat(Pem.readCertificates(file)).isEqualTo(chain);
    assertThat(Files.readString(file)).isEqualTo(Files.readString(issued.chainFile()));
  }

  @Test
  void encryptThenDecrypt_key_roundTrips() throws Exception {
    var key = Pem.readPrivateKey(issued.keyFile(), null);
    Path file = tmp.resolve("encrypted.pem");
    Files.write(file, KeyEncryption.encrypt(key, "pw".toCharArray()));
    assertThat(Pem.readPrivateKey(file, "pw".toCharArray()).getEncoded())
        .isEqualTo(key.getEncoded());
    assertThatThrownBy(() -> Pem.readPrivateKey(file, "pW".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class);
  }

  private Path write(String name, String content) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }
}
