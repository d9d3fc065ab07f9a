package dev.drydock.trust;

import dev.drydock.model.Digest;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The facts a signature proved: which key signed which digest in which format.
 *
 * @param keyId the signing key's ID
 * @param keyName the signing key's name in the trust store
 * @param environment the environment the key signs for
 * @param format the signature format
 * @param digest the signed manifest digest (equal to the image's)
 * @param dockerReference the signed identity, or null (the cosign bundle signs no name)
 * @param signedAt the signing time the signature states, or null when it states none
 */
public record VerifiedSignature(
    String keyId,
    String keyName,
    Environment environment,
    SignatureFormat format,
    Digest digest,
    @Nullable String dockerReference,
    @Nullable Instant signedAt) {

  /** Validates the required parts. */
  public VerifiedSignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(digest, "digest");
  }
}
