package dev.drydock.trust;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.util.List;

/**
 * Where the signatures of an image digest are kept: a lookaside directory ({@link
 * LookasideSignatureStore}) or, later, a registry (OCI 1.1 referrers for bundles, {@code
 * sha256-<hex>.sig} tags for cosign simple signing). Signatures bind to the digest; the image's
 * repository selects where they live, its tag plays no part.
 */
public interface SignatureStore {
  /**
   * {@return every stored signature of {@code digest} in {@code image}'s repository, oldest first;
   * empty when there is none}
   *
   * @throws TrustException when the store cannot be read
   */
  List<ImageSignature> read(ImageRef image, Digest digest) throws TrustException;

  /**
   * Adds a signature; existing ones are kept (promotion adds a prod signature beside the dev one).
   *
   * @throws TrustException when the store cannot be written or is full
   */
  void append(ImageRef image, Digest digest, ImageSignature signature) throws TrustException;
}
