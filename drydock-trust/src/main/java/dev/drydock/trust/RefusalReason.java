package dev.drydock.trust;

/** Why a signature or an image was refused; each refusal carries exactly one. */
public enum RefusalReason {
  /** No signature at all, or a message that carries none. */
  NO_SIGNATURE,
  /** The signature does not verify under any accepted key (unknown or other key). */
  WRONG_KEY,
  /** The signed manifest digest is not the image's digest. */
  WRONG_DIGEST,
  /** The signed identity (docker-reference) does not match the image reference. */
  WRONG_IDENTITY,
  /** The key is known but the signature does not verify over these bytes. */
  TAMPERED_PAYLOAD,
  /** The key was revoked. */
  REVOKED_KEY,
  /** The key, or the signature, is outside its validity window. */
  EXPIRED_KEY,
  /** The payload has a member in {@code critical} that drydock does not understand. */
  UNKNOWN_CRITICAL_FIELD,
  /** The signature document is not well-formed (bundle, envelope, payload or OpenPGP message). */
  MALFORMED_BUNDLE,
  /** Signatures verified, but not enough of the ones a policy requires (policy refusal). */
  POLICY_UNSATISFIED
}
