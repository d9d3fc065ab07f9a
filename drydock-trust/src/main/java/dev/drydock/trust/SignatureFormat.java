package dev.drydock.trust;

/** The image signature formats drydock writes and verifies. */
public enum SignatureFormat {
  /**
   * cosign v3: a Sigstore bundle v0.3 holding a DSSE envelope over an in-toto Statement v1 with the
   * cosign sign predicate, attached as an OCI 1.1 referrer.
   */
  COSIGN_BUNDLE,
  /**
   * cosign v1/v2: a simple-signing JSON payload as a layer of the {@code sha256-<hex>.sig}
   * manifest, the signature in the layer annotation {@code dev.cosignproject.cosign/signature}.
   */
  COSIGN_SIMPLE_SIGNING,
  /**
   * containers/image "simple signing": an OpenPGP signed message over the {@code atomic container
   * signature} payload, stored in a lookaside directory.
   */
  OPENPGP_SIMPLE_SIGNING
}
