package dev.drydock.registry;

import java.util.Objects;

/**
 * An S3 access key pair. Not a record: the secret never appears in {@link #toString()}, logs or
 * exception messages.
 */
public final class S3Credentials {
  private final String accessKeyId;
  private final String secret;

  /**
   * Creates the pair.
   *
   * @param accessKeyId the access key id (not secret; it names the key in error messages)
   * @param secret the secret access key
   */
  public S3Credentials(String accessKeyId, String secret) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secret = Objects.requireNonNull(secret, "secret");
    if (accessKeyId.isBlank() || secret.isEmpty()) {
      throw new IllegalArgumentException("S3 credentials need an access key id and a secret");
    }
    if (!accessKeyId.chars().allMatch(c -> c > ' ' && c < 127 && c != '/')) {
      throw new IllegalArgumentException("an S3 access key id is printable ASCII without '/'");
    }
  }

  /** {@return the access key id} */
  public String accessKeyId() {
    return accessKeyId;
  }

  String secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "S3Credentials[" + accessKeyId + ", secret redacted]";
  }
}
