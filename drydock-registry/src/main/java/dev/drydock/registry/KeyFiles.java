package dev.drydock.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The registry's persisted secrets under its data directory: the P-256 token signing key ({@code
 * token-signing.key}, PKCS#8 PEM, mode 0600, with its public half in {@code token-signing.pub}) and
 * the first administrator's secret ({@code admin.secret}, 0600). Files are written to a temporary
 * name with owner-only permissions and then moved in place, so a crash never leaves a half-written
 * key and the secret is never readable by others, not even briefly.
 */
final class KeyFiles {
  static final String SIGNING_KEY = "token-signing.key";
  static final String SIGNING_PUB = "token-signing.pub";
  static final String ADMIN_SECRET = "admin.secret";
  private static final int MAX_PEM = 16 * 1024;

  private KeyFiles() {}

  /** {@return the token signing key under {@code dir}, generated on first use} */
  static KeyPair signingKey(Path dir) throws RegistryException {
    Path priv = dir.resolve(SIGNING_KEY);
    Path pub = dir.resolve(SIGNING_PUB);
    try {
      if (Files.exists(priv)) {
        KeyFactory ec = KeyFactory.getInstance("EC");
        return new KeyPair(
            ec.generatePublic(new X509EncodedKeySpec(pem(pub, "PUBLIC KEY"))),
            ec.generatePrivate(new PKCS8EncodedKeySpec(pem(priv, "PRIVATE KEY"))));
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Files.createDirectories(dir);
      writePrivate(pub, toPem("PUBLIC KEY", keys.getPublic().getEncoded()));
      writePrivate(priv, toPem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      return keys;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new RegistryException(
          "Cannot load or create the token signing key "
              + priv
              + ": "
              + e.getMessage()
              + "; remove both token-signing files to generate a new key (issued tokens then"
              + " become invalid)",
          e);
    }
  }

  /** Writes {@code text} to {@code file}, readable by the owner only. */
  static void writePrivate(Path file, String text) throws IOException {
    Path temp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            ".tmp-",
            ".part",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String toPem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] pem(Path file, String type) throws IOException {
    if (Files.size(file) > MAX_PEM) {
      throw new IOException(file + " is larger than " + MAX_PEM + " bytes");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + " holds no " + type + " PEM block");
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}
