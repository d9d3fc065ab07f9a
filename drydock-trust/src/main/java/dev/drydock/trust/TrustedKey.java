package dev.drydock.trust;

import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * A key a verifier accepts, with its metadata (environment, validity, revocation). Cosign formats
 * verify with a {@link Pkix} key, OpenPGP simple signing with an {@link OpenPgp} key ring.
 */
public sealed interface TrustedKey permits TrustedKey.Pkix, TrustedKey.OpenPgp {

  /** {@return what drydock knows about the key} */
  KeyMetadata metadata();

  /**
   * A SubjectPublicKeyInfo public key (cosign, sigstore).
   *
   * @param metadata the key's metadata; its key ID must be the SPKI SHA-256
   * @param publicKey the key
   */
  record Pkix(KeyMetadata metadata, PublicKey publicKey) implements TrustedKey {
    /** Checks that the metadata describes this key. */
    public Pkix {
      Objects.requireNonNull(metadata, "metadata");
      Objects.requireNonNull(publicKey, "publicKey");
      if (!metadata.keyId().equals(SigningKeys.keyId(publicKey))) {
        throw new IllegalArgumentException(
            "key " + metadata.name() + ": the key ID does not match the public key");
      }
    }
  }

  /**
   * An OpenPGP transferable public key (primary key, user IDs, subkeys).
   *
   * @param metadata the key's metadata; its key ID is the primary key's fingerprint
   * @param keyRing the key ring
   */
  record OpenPgp(KeyMetadata metadata, PGPPublicKeyRing keyRing) implements TrustedKey {
    /** Checks that the metadata describes this key ring. */
    public OpenPgp {
      Objects.requireNonNull(metadata, "metadata");
      Objects.requireNonNull(keyRing, "keyRing");
      String fingerprint =
          java.util.HexFormat.of().formatHex(keyRing.getPublicKey().getFingerprint());
      if (!metadata.keyId().equals(fingerprint)) {
        throw new IllegalArgumentException(
            "key " + metadata.name() + ": the key ID is not the key ring's fingerprint");
      }
    }
  }
}
