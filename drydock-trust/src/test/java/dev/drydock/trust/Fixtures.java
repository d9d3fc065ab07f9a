package dev.drydock.trust;

import dev.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/** Test resources under {@code dev/drydock/trust/}. */
final class Fixtures {
  static final char[] REF_PASSWORD = "correct horse".toCharArray();
  static final Instant EPOCH_2000 = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

  private Fixtures() {}

  static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      return Objects.requireNonNull(in, "missing test resource " + path).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Digest sha256(byte[] data) {
    try {
      return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyMetadata metadata(
      String name, String keyId, KeyAlgorithm algorithm, Environment environment) {
    return new KeyMetadata(name, keyId, algorithm, environment, EPOCH_2000, FAR_FUTURE, null);
  }

  static TrustedKey.Pkix pkix(String name, String pemPath, Environment environment)
      throws KeyFileException {
    var key = SigningKeys.readPublicKey(pemPath, bytes(pemPath));
    return new TrustedKey.Pkix(
        metadata(name, SigningKeys.keyId(key), KeyAlgorithm.of(pemPath, key), environment), key);
  }
}
