package dev.drydock.trust;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The signing key types drydock generates and accepts; the same set cosign supports for key-based
 * signing. ECDSA P-256 is the default because every cosign/sigstore client verifies it.
 */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256 with SHA-256, ASN.1 DER signatures (cosign's default). */
  ECDSA_P256("SHA256withECDSA"),
  /** RSA 3072 with PKCS#1 v1.5 and SHA-256. */
  RSA_3072("SHA256withRSA"),
  /** RSA 4096 with PKCS#1 v1.5 and SHA-256. */
  RSA_4096("SHA256withRSA"),
  /** Ed25519 (pure EdDSA over the message). */
  ED25519("Ed25519");

  /** The order of the P-256 base point (FIPS 186-4 D.1.2.3): identifies the curve. */
  private static final java.math.BigInteger P256_ORDER =
      new java.math.BigInteger(
          "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  private final String jcaSignature;

  KeyAlgorithm(String jcaSignature) {
    this.jcaSignature = jcaSignature;
  }

  /** {@return the JCA signature algorithm name} */
  public String jcaSignature() {
    return jcaSignature;
  }

  /** {@return a fresh key pair of this type} */
  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator;
      switch (this) {
        case ECDSA_P256 -> {
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        }
        case RSA_3072, RSA_4096 -> {
          generator = KeyPairGenerator.getInstance("RSA");
          int bits = this == RSA_3072 ? 3072 : 4096;
          generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
        }
        case ED25519 -> {
          generator = KeyPairGenerator.getInstance("Ed25519");
          generator.initialize(255, random);
        }
        default -> throw new AssertionError(this);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
    }
  }

  /**
   * {@return the algorithm of a public key}
   *
   * @throws KeyFileException when drydock does not accept this kind of key (e.g. RSA below 3072
   *     bits, a curve other than P-256)
   */
  static KeyAlgorithm of(String source, PublicKey key) throws KeyFileException {
    if (key instanceof ECPublicKey ec) {
      if (ec.getParams().getOrder().equals(P256_ORDER)) {
        return ECDSA_P256;
      }
      throw new KeyFileException(source + ": only the EC curve P-256 is accepted");
    }
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits >= 4096) {
        return RSA_4096;
      }
      if (bits >= 3072) {
        return RSA_3072;
      }
      throw new KeyFileException(
          source + ": RSA keys must have at least 3072 bits, this one has " + bits);
    }
    if (key instanceof EdECPublicKey ed && ed.getParams().getName().equals("Ed25519")) {
      return ED25519;
    }
    throw new KeyFileException(
        source
            + ": unsupported key type "
            + key.getAlgorithm()
            + "; use ECDSA P-256, RSA or Ed25519");
  }
}
