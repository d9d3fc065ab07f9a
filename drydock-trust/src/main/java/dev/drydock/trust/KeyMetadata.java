package dev.drydock.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What drydock knows about a signing key besides its bytes: where it may be used and when.
 *
 * @param name a short name, unique per environment ({@code [a-z0-9][a-z0-9._-]{0,63}})
 * @param keyId lower-case hex: SHA-256 of the SubjectPublicKeyInfo, or an OpenPGP fingerprint
 * @param algorithm the key type
 * @param environment the environment it signs for
 * @param notBefore start of the validity window (inclusive)
 * @param notAfter end of the validity window (exclusive)
 * @param revokedAt when the key was revoked, or null; signatures are refused from then on
 */
public record KeyMetadata(
    String name,
    String keyId,
    KeyAlgorithm algorithm,
    Environment environment,
    Instant notBefore,
    Instant notAfter,
    @Nullable Instant revokedAt) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16,64}");

  /** Validates every part. */
  public KeyMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    requireValidName(name);
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("key ID \"" + keyId + "\" is not lower-case hex");
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("key " + name + ": notAfter must be after notBefore");
    }
  }

  /**
   * Checks that {@code name} is a valid key name, which also makes it a single safe path segment.
   *
   * @throws IllegalArgumentException when it is not
   */
  static void requireValidName(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "key name \"" + name + "\": use 1 to 64 of [a-z0-9._-], starting with a letter or digit");
    }
  }

  /** {@return a copy revoked at {@code when} (an earlier revocation is kept)} */
  public KeyMetadata revoked(Instant when) {
    Instant at = revokedAt != null && revokedAt.isBefore(when) ? revokedAt : when;
    return new KeyMetadata(name, keyId, algorithm, environment, notBefore, notAfter, at);
  }

  /** {@return whether the key was revoked at or before {@code when}} */
  public boolean revokedAt(Instant when) {
    return revokedAt != null && !when.isBefore(revokedAt);
  }

  /** {@return whether {@code when} lies in the validity window} */
  public boolean validAt(Instant when) {
    return !when.isBefore(notBefore) && when.isBefore(notAfter);
  }
}
