package dev.drydock.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Arrays;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts private keys as PKCS#8 with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC, which OpenSSL
 * reads ({@code openssl pkey -in ca-key.pem}). Passphrases stay the caller's: each method works on
 * its own copy and zeroes it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8018#section-6.2">RFC 8018, PBES2</a>
 */
final class KeyEncryption {
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;

  /** Passed to each call, never registered globally. */
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private KeyEncryption() {}

  /** {@return {@code key} as an ENCRYPTED PRIVATE KEY PEM block} */
  static byte[] encrypt(PrivateKey key, char[] passphrase) throws PkiException {
    char[] copy = passphrase.clone();
    byte[] der = key.getEncoded();
    try {
      var kdf =
          new PBKDF2Config.Builder()
              .withIterationCount(ITERATIONS)
              .withPRF(PBKDF2Config.PRF_SHA256)
              .withSaltLength(16)
              .build();
      var encryptor =
          new JcePKCSPBEOutputEncryptorBuilder(kdf, NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(BOUNCY_CASTLE)
              .build(copy);
      PKCS8EncryptedPrivateKeyInfo encrypted =
          new PKCS8EncryptedPrivateKeyInfoBuilder(PrivateKeyInfo.getInstance(der)).build(encryptor);
      return Pem.encode("ENCRYPTED PRIVATE KEY", encrypted.getEncoded());
    } catch (OperatorCreationException | IOException e) {
      throw new PkiException("Could not encrypt a private key: " + e.getMessage(), e);
    } finally {
      Arrays.fill(copy, '\0');
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Decrypts an encrypted PKCS#8 key read from {@code file}.
   *
   * @throws InvalidPemException when its key derivation costs more than {@link KdfLimits} allow
   * @throws PassphraseRequiredException when {@code passphrase} is null
   * @throws WrongPassphraseException when the passphrase does not decrypt the key
   */
  static PrivateKeyInfo decrypt(
      Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char @Nullable [] passphrase)
      throws PkiException {
    // Before asking for a passphrase: a key that cannot be used is not worth typing one for.
    KdfLimits.check(file, encrypted.getEncryptionAlgorithm());
    if (passphrase == null) {
      throw new PassphraseRequiredException(
          file, "The private key in " + file + " is encrypted; give its passphrase.");
    }
    char[] copy = passphrase.clone();
    try {
      InputDecryptorProvider decryptor =
          new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(copy);
      return encrypted.decryptPrivateKeyInfo(decryptor);
    } catch (PKCSException | RuntimeException e) {
      // A wrong passphrase shows as bad padding or, 1 time in 256, as garbage DER.
      throw new WrongPassphraseException(file, e);
    } finally {
      Arrays.fill(copy, '\0');
    }
  }
}
