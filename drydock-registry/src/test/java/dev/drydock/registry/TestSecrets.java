package dev.drydock.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A TEST-ONLY secret verifier: salted SHA-256, fast and deliberately weak. Production registries
 * use {@code PasswordHasher} (Argon2id), which the caller wires in; this only lets the registry's
 * tests run without it.
 */
final class TestSecrets implements SecretVerifier {
  private final SecureRandom random = new SecureRandom();

  @Override
  public boolean verify(String secret, String encodedHash) {
    String[] parts = encodedHash.split("\\$", -1);
    if (parts.length != 3 || !parts[0].equals("test-sha256")) {
      return false;
    }
    return MessageDigest.isEqual(
        encodedHash.getBytes(StandardCharsets.UTF_8),
        encode(parts[1], secret).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String hash(String secret) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return encode(HexFormat.of().formatHex(salt), secret);
  }

  private static String encode(String salt, String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((salt + ":" + secret).getBytes(StandardCharsets.UTF_8));
      return "test-sha256$" + salt + "$" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
