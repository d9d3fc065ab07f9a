package dev.drydock.registry;

/**
 * Checks passwords and robot secrets against the hashes a {@link SecurityStore} keeps, and hashes
 * new ones. The registry depends only on this seam; the production implementation is {@code
 * PasswordHasher} (Argon2id), wired by the caller.
 */
public interface SecretVerifier {
  /** {@return whether {@code secret} matches {@code encodedHash}}; false for malformed hashes */
  boolean verify(String secret, String encodedHash);

  /** {@return the encoded hash of {@code secret}, salted, as {@link #verify} accepts it} */
  String hash(String secret);
}
