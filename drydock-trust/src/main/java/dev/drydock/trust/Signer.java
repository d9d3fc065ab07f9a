package dev.drydock.trust;

import java.security.PublicKey;

/**
 * Produces raw signatures with one key. The file-key implementation holds the private key in
 * memory; an HSM or KMS implementation can sign without exposing it.
 *
 * <p>The signature encoding is the JCA one for {@link KeyAlgorithm#jcaSignature()}: ASN.1 DER for
 * ECDSA, PKCS#1 v1.5 for RSA, 64 raw bytes for Ed25519 (what cosign and OpenSSL produce).
 */
public interface Signer {
  /** {@return the metadata of the signing key} */
  KeyMetadata metadata();

  /** {@return the public key} */
  PublicKey publicKey();

  /**
   * Signs {@code data} (the signer hashes it).
   *
   * @throws TrustException when the key cannot sign (e.g. an unreachable HSM)
   */
  byte[] sign(byte[] data) throws TrustException;
}
