package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void init_defaults_writesLayoutWithOwnerOnlyKeysAndDirectory() throws Exception {
    Path dir = tmp.resolve("data/pki");
    CertificateAuthority ca = CertificateAuthority.init(dir, CaOptions.defaults(), null, clock);

    assertThat(ca.directory()).isEqualTo(dir.toAbsolutePath());
    assertThat(dir.resolve("ca.pem")).exists();
    assertThat(dir.resolve("issuing.pem")).exists();
    assertThat(dir.resolve("crl.pem")).exists();
    assertThat(dir.resolve("index.tsv")).content().startsWith("# drydock pki index 1");
    assertThat(permissions(dir)).isEqualTo("rwx------");
    assertThat(permissions(dir.resolve("ca-key.pem"))).isEqualTo("rw-------");
    assertThat(permissions(dir.resolve("issuing-key.pem"))).isEqualTo("rw-------");
    assertThat(dir.resolve("issuing-key.pem")).content().startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(ca.list()).isEmpty();
  }

  @Test
  void init_intoNonEmptyDirectory_leavesItsPermissions() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    Fixtures.newCa(tmp, clock);
    assertThat(permissions(tmp)).isEqualTo("rwxr-x---");
    assertThat(permissions(tmp.resolve("issuing-key.pem"))).isEqualTo("rw-------");
  }

  @Test
  void init_intoExistingEmptyDirectory_narrowsTo0700() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("pki"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Fixtures.newCa(dir, clock);
    assertThat(permissions(dir)).isEqualTo("rwx------");
  }

  @Test
  void caOptions_longName_rejected() {
    assertThatThrownBy(() -> CaOptions.defaults().withName("n".repeat(41)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void init_defaults_rootAndIssuingHaveCaExtensions() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    X509Certificate root = ca.rootCertificate();
    X509Certificate issuing = ca.issuingCertificate();

    assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(issuing.getBasicConstraints()).isZero();
    for (X509Certificate ca509 : new X509Certificate[] {root, issuing}) {
      assertThat(ca509.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
      assertThat(ca509.getKeyUsage()[5]).as("keyCertSign").isTrue();
      assertThat(ca509.getKeyUsage()[6]).as("cRLSign").isTrue();
      assertThat(ca509.getExtensionValue("2.5.29.14")).as("SKI").isNotNull();
      assertThat(ca509.getExtensionValue("2.5.29.35")).as("AKI").isNotNull();
      assertThat(ca509.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }
    issuing.verify(root.getPublicKey());
    assertThat(root.getSubjectX500Principal().getName()).startsWith("CN=drydock Root CA ");
    assertThat(issuing.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(1826)));
    assertThat(root.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(3652)));
    assertThat(root.getNotBefore().toInstant()).isBefore(T0);
  }

  @Test
  void init_rsaOption_rsaKeysSignedWithSha256Rsa() throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.init(
            tmp, CaOptions.defaults().withKeyAlgorithm(KeyAlgorithm.RSA_3072), null, clock);
    assertThat(ca.rootCertificate().getPublicKey()).isInstanceOf(RSAPublicKey.class);
    assertThat(((RSAPublicKey) ca.issuingCertificate().getPublicKey()).getModulus().bitLength())
        .isEqualTo(3072);
    assertThat(ca.issuingCertificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    ca.unlock(null);
  }

  @Test
  void init_p384Option_signsWithSha384() throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.init(
            tmp, CaOptions.defaults().withKeyAlgorithm(KeyAlgorithm.EC_P384), null, clock);
    var key = (ECPublicKey) ca.issuingCertificate().getPublicKey();
    assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
    assertThat(ca.issuingCertificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
  }

  @Test
  void init_overExistingCa_throwsNamingDirectoryAndChangesNothing() throws Exception {
    Fixtures.newCa(tmp, clock);
    byte[] before = Files.readAllBytes(tmp.resolve("ca.pem"));

    assertThatThrownBy(() -> Fixtures.newCa(tmp, clock))
        .isInstanceOfSatisfying(
            CaAlreadyExistsException.class,
            e -> assertThat(e.directory()).isEqualTo(tmp.toAbsolutePath()))
        .hasMessageContaining(tmp.toAbsolutePath().toString());
    assertThat(Files.readAllBytes(tmp.resolve("ca.pem"))).isEqualTo(before);
  }

  @Test
  void init_emptyPassphrase_rejected() {
    assertThatThrownBy(
            () -> CertificateAuthority.init(tmp, CaOptions.defaults(), new char[0], clock))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void open_emptyDirectory_throwsNotInitialised() {
    assertThatThrownBy(() -> CertificateAuthority.open(tmp, clock))
        .isInstanceOf(CaNotInitialisedException.class)
        .hasMessageContaining("There is no drydock CA in " + tmp.toAbsolutePath());
  }

  @Test
  void open_missingIssuingKey_throwsIncomplete() throws Exception {
    Fixtures.newCa(tmp, clock);
    Files.delete(tmp.resolve("issuing-key.pem"));
    assertThatThrownBy(() -> CertificateAuthority.open(tmp, clock))
        .isInstanceOfSatisfying(
            CaNotInitialisedException.class,
            e -> assertThat(e.directory()).isEqualTo(tmp.toAbsolutePath()))
        .hasMessageContaining("incomplete")
        .hasMessageContaining("issuing-key.pem");
  }

  @Test
  void open_issuingFromOtherCa_throwsMixedUp() throws Exception {
    Fixtures.newCa(tmp.resolve("a"), clock);
    Fixtures.newCa(tmp.resolve("b"), clock);
    Files.copy(
        tmp.resolve("b/issuing.pem"),
        tmp.resolve("a/issuing.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> CertificateAuthority.open(tmp.resolve("a"), clock))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("was not signed by");
  }

  @Test
  void unlock_encryptedKey_needsTheRightPassphrase() throws Exception {
    char[] passphrase = "correct horse".toCharArray();
    CertificateAuthority ca =
        CertificateAuthority.init(tmp, CaOptions.defaults(), passphrase, clock);

    assertThat(passphrase)
        .as("the caller's array is left alone")
        .isEqualTo("correct horse".toCharArray());
    assertThat(tmp.resolve("issuing-key.pem"))
        .content(StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(tmp.resolve("ca-key.pem")).content().contains("ENCRYPTED PRIVATE KEY");
    assertThatThrownBy(() -> ca.unlock(null))
        .isInstanceOfSatisfying(
            PassphraseRequiredException.class,
            e -> assertThat(e.file()).isEqualTo(tmp.toAbsolutePath().resolve("issuing-key.pem")))
        .hasMessageContaining("is encrypted");
    assertThatThrownBy(() -> ca.unlock("wrong".toCharArray()))
        .isInstanceOfSatisfying(
            WrongPassphraseException.class,
            e -> assertThat(e.file()).hasFileName("issuing-key.pem"))
        .hasMessageContaining("does not decrypt");
    Issuer issuer = ca.unlock(Arrays.copyOf(passphrase, passphrase.length));
    assertThat(issuer.issue(IssueRequest.client("alice").build()).certificate()).isNotNull();
  }

  @Test
  void unlock_keyOfAnotherCa_throwsMismatch() throws Exception {
    Fixtures.newCa(tmp.resolve("a"), clock);
    Fixtures.newCa(tmp.resolve("b"), clock);
    Files.copy(
        tmp.resolve("b/issuing-key.pem"),
        tmp.resolve("a/issuing-key.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    CertificateAuthority ca = CertificateAuthority.open(tmp.resolve("a"), clock);
    assertThatThrownBy(() -> ca.unlock(null))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void find_unknownSerial_throwsTyped() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    SerialNumber serial = SerialNumber.parse("ABCDEF");
    assertThatThrownBy(() -> ca.find(serial))
        .isInstanceOfSatisfying(
            UnknownSerialException.class, e -> assertThat(e.serial()).isEqualTo(serial))
        .hasMessageContaining("ABCDEF");
  }

  @Test
  void accessors_pointIntoDirectory() throws Exception {
    CertificateAuthority ca = Fixtures.newCa(tmp, clock);
    assertThat(ca.rootCertificateFile()).hasFileName("ca.pem");
    assertThat(ca.issuingCertificateFile()).hasFileName("issuing.pem");
    assertThat(ca.crlFile()).hasFileName("crl.pem");
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
