package dev.drydock.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The cosign encrypted private key file: a PEM block whose body is a JSON document holding a
 * scrypt-derived key's NaCl secretbox over the PKCS#8 DER private key. drydock writes the {@code
 * ENCRYPTED COSIGN PRIVATE KEY} label (read by every containers/image version) and also reads
 * {@code ENCRYPTED SIGSTORE PRIVATE KEY} (cosign 2.0.1 and later).
 *
 * @see <a href="https://github.com/sigstore/cosign/blob/main/pkg/cosign/keys.go">cosign keys.go</a>
 */
public final class CosignKeyFile {
  /** The PEM label drydock writes. */
  public static final String COSIGN_LABEL = "ENCRYPTED COSIGN PRIVATE KEY";

  /** The PEM label newer cosign writes; read as well. */
  public static final String SIGSTORE_LABEL = "ENCRYPTED SIGSTORE PRIVATE KEY";

  private static final int SALT_BYTES = 32;

  private CosignKeyFile() {}

  /** {@return the PEM key file: {@code key} encrypted under {@code password}} */
  public static byte[] encrypt(
      PrivateKey key, char[] password, KdfStrength strength, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] nonce = new byte[Secretbox.NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] secret = derive(password, salt, strength);
    byte[] plain = key.getEncoded();
    byte[] box = Secretbox.seal(secret, nonce, plain);
    Arrays.fill(secret, (byte) 0);
    Arrays.fill(plain, (byte) 0);
    // Field order as Go's json.Marshal writes the go-securesystemslib structs.
    ObjectNode doc = Json.MAPPER.createObjectNode();
    ObjectNode kdf = doc.putObject("kdf");
    kdf.put("name", "scrypt");
    ObjectNode params = kdf.putObject("params");
    params.put("N", strength.cost());
    params.put("r", KdfStrength.R);
    params.put("p", KdfStrength.P);
    kdf.put("salt", Base64.getEncoder().encodeToString(salt));
    ObjectNode cipher = doc.putObject("cipher");
    cipher.put("name", "nacl/secretbox");
    cipher.put("nonce", Base64.getEncoder().encodeToString(nonce));
    doc.put("ciphertext", Base64.getEncoder().encodeToString(box));
    return Pem.encode(COSIGN_LABEL, Json.write(doc));
  }

  /**
   * Decrypts a cosign private key file.
   *
   * @param source names the input in error messages
   * @throws WrongPasswordException when the password does not open the box (or it was altered)
   * @throws KeyFileException when the file is malformed or uses unaccepted KDF parameters
   */
  public static PrivateKey decrypt(String source, byte[] pem, char[] password)
      throws KeyFileException {
    Pem.Block block = Pem.decode(source, pem);
    if (!block.label().equals(COSIGN_LABEL) && !block.label().equals(SIGSTORE_LABEL)) {
      throw new KeyFileException(
          source
              + ": expected a PEM block "
              + COSIGN_LABEL
              + " or "
              + SIGSTORE_LABEL
              + ", found "
              + block.label());
    }
    byte[] salt;
    byte[] nonce;
    byte[] box;
    KdfStrength strength;
    try {
      ObjectNode doc = Json.parseObject(block.der());
      Json.onlyFields(doc, "key file", "kdf", "cipher", "ciphertext");
      ObjectNode kdf = Json.object(doc, "kdf");
      ObjectNode cipher = Json.object(doc, "cipher");
      if (!Json.text(kdf, "name").equals("scrypt")) {
        throw new Json.Malformed("the KDF must be scrypt, found " + Json.text(kdf, "name"));
      }
      if (!Json.text(cipher, "name").equals("nacl/secretbox")) {
        throw new Json.Malformed(
            "the cipher must be nacl/secretbox, found " + Json.text(cipher, "name"));
      }
      ObjectNode params = Json.object(kdf, "params");
      long n = Json.integer(params, "N");
      long r = Json.integer(params, "r");
      long p = Json.integer(params, "p");
      KdfStrength known = KdfStrength.of(n, r, p);
      if (known == null) {
        throw new KeyFileException(
            source
                + ": scrypt parameters N="
                + n
                + " r="
                + r
                + " p="
                + p
                + " are not one of the accepted sets (N 32768, 65536 or 131072 with r=8 p=1);"
                + " re-encrypt the key with cosign or drydock");
      }
      strength = known;
      salt = Json.base64(kdf, "salt");
      nonce = Json.base64(cipher, "nonce");
      box = Json.base64(doc, "ciphertext");
    } catch (Json.Malformed e) {
      throw new KeyFileException(source + ": not a cosign key file: " + e.getMessage(), e);
    }
    if (nonce.length != Secretbox.NONCE_BYTES || salt.length == 0 || salt.length > 1024) {
      throw new KeyFileException(source + ": the nonce must be 24 bytes and the salt 1 to 1024");
    }
    byte[] secret = derive(password, salt, strength);
    byte[] plain = Secretbox.open(secret, nonce, box);
    Arrays.fill(secret, (byte) 0);
    if (plain == null) {
      throw new WrongPasswordException(source);
    }
    try {
      return SigningKeys.privateKeyFromPkcs8(source, plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, KdfStrength strength) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] pass = new byte[encoded.remaining()];
    encoded.get(pass);
    encoded.clear();
    while (encoded.hasRemaining()) {
      encoded.put((byte) 0);
    }
    try {
      return SCrypt.generate(
          pass, salt, strength.cost(), KdfStrength.R, KdfStrength.P, Secretbox.KEY_BYTES);
    } finally {
      Arrays.fill(pass, (byte) 0);
    }
  }
}
