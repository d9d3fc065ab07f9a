package dev.drydock.trust;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** A {@link Signer} over a private key held in memory (decrypted from a cosign key file). */
final class FileKeySigner implements Signer {
  private final KeyMetadata metadata;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  FileKeySigner(KeyMetadata metadata, PrivateKey privateKey, PublicKey publicKey) {
    this.metadata = metadata;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  @Override
  public KeyMetadata metadata() {
    return metadata;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) throws TrustException {
    try {
      Signature signature = Signature.getInstance(metadata.algorithm().jcaSignature());
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new TrustException("key " + metadata.name() + " cannot sign: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "FileKeySigner[" + metadata.environment().id() + "/" + metadata.name() + "]";
  }
}
