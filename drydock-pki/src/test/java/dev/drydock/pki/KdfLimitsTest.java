package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Crafted encrypted keys whose key derivation would take minutes must be refused up front. */
@Timeout(10)
class KdfLimitsTest {
  private static final char[] PASSPHRASE = "pw".toCharArray();
  private static final byte[] SALT = new byte[16];
  private static final ASN1ObjectIdentifier SCRYPT =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");

  @TempDir Path tmp;

  @Test
  void readPrivateKey_pbkdf2OverLimit_throwsNamingFileAndLimit() throws Exception {
    Path file = pbes2(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, pbkdf2(10_000_001)));

    assertTooCostly(file, "10000001 key derivation iterations", "limit of 10000000");
  }

  @Test
  void readPrivateKey_pbkdf2OverLimitWithoutPassphrase_throwsInvalidPemNotPassphraseRequired()
      throws Exception {
    Path file =
        pbes2(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, pbkdf2(Integer.MAX_VALUE)));

    assertThatThrownBy(() -> Pem.readPrivateKey(file, null))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("2147483647 key derivation iterations");
  }

  @Test
  void readPrivateKey_pbkdf2WithinLimit_getsToThePassphrase() throws Exception {
    Path file = pbes2(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, pbkdf2(1000)));

    assertThatThrownBy(() -> Pem.readPrivateKey(file, PASSPHRASE))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @Test
  void readPrivateKey_scryptOverLimit_throwsNamingLimit() throws Exception {
    Path file = pbes2(new KeyDerivationFunc(SCRYPT, scrypt(1 << 20, 8, 1)));

    assertTooCostly(file, "scrypt N × r × p of 8388608", "limit of 2097152");
  }

  @Test
  void readPrivateKey_scryptParallelismOverLimit_throws() throws Exception {
    Path file = pbes2(new KeyDerivationFunc(SCRYPT, scrypt(1 << 14, 8, 1 << 10)));

    assertTooCostly(file, "scrypt N × r × p of 134217728");
  }

  @Test
  void readPrivateKey_opensslDefaultScrypt_getsToThePassphrase() throws Exception {
    Path file = pbes2(new KeyDerivationFunc(SCRYPT, scrypt(1 << 14, 8, 1)));

    assertThatThrownBy(() -> Pem.readPrivateKey(file, PASSPHRASE))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @Test
  void readPrivateKey_pkcs12PbeOverLimit_throws() throws Exception {
    var scheme =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
            new PKCS12PBEParams(SALT, 50_000_000));

    assertTooCostly(write(scheme), "50000000 key derivation iterations");
  }

  @Test
  void readPrivateKey_malformedKdfParameters_throwsInvalidPem() throws Exception {
    Path file = pbes2(new KeyDerivationFunc(SCRYPT, new DERSequence(new DEROctetString(SALT))));

    assertThatThrownBy(() -> Pem.readPrivateKey(file, PASSPHRASE))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining("do not parse");
  }

  private static void assertTooCostly(Path file, String... fragments) {
    var thrown =
        assertThatThrownBy(() -> Pem.readPrivateKey(file, PASSPHRASE))
            .isInstanceOf(InvalidPemException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("re-encrypt it");
    for (String fragment : fragments) {
      thrown.hasMessageContaining(fragment);
    }
  }

  private static PBKDF2Params pbkdf2(int iterations) {
    return new PBKDF2Params(
        SALT, iterations, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256));
  }

  private static ASN1Encodable scrypt(long n, long r, long p) {
    return new DERSequence(
        new ASN1Encodable[] {
          new DEROctetString(SALT), new ASN1Integer(n), new ASN1Integer(r), new ASN1Integer(p)
        });
  }

  private Path pbes2(KeyDerivationFunc kdf) throws Exception {
    var aes =
        new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16]));
    return write(
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(kdf, aes)));
  }

  /** Writes an ENCRYPTED PRIVATE KEY with {@code scheme} and ciphertext that decrypts to junk. */
  private Path write(AlgorithmIdentifier scheme) throws Exception {
    byte[] der = new EncryptedPrivateKeyInfo(scheme, new byte[48]).getEncoded();
    Path file = Files.createTempFile(tmp, "crafted", ".pem");
    Files.write(file, Pem.encode("ENCRYPTED PRIVATE KEY", der));
    return file;
  }
}
