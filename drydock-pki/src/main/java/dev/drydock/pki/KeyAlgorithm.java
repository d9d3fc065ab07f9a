package dev.drydock.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types drydock's CA generates; ECDSA P-256 is the default everywhere. */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256, signing with SHA-256: small, fast, accepted by every TLS peer. */
  EC_P256("EC"),
  /** ECDSA on NIST P-384, signing with SHA-384. */
  EC_P384("EC"),
  /** RSA with a 3072-bit modulus, signing with SHA-256 (PKCS#1 v1.5). */
  RSA_3072("RSA");

  private final String jcaName;

  KeyAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /** {@return a new key pair of this type} */
  KeyPair generate(SecureRandom random) throws PkiException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
      generator.initialize(spec(), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException("This JDK cannot generate " + this + " keys: " + e.getMessage(), e);
    }
  }

  private AlgorithmParameterSpec spec() {
    return switch (this) {
      case EC_P256 -> new ECGenParameterSpec("secp256r1");
      case EC_P384 -> new ECGenParameterSpec("secp384r1");
      case RSA_3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
    };
  }

  /** {@return whether keys of this type can encrypt, which TLS key usage must then allow} */
  boolean isRsa() {
    return this == RSA_3072;
  }

  /** {@return the JCA signature algorithm for certificates and CRLs signed by this key} */
  static String signatureAlgorithm(PublicKey signerKey) {
    if (signerKey instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize() > 256
          ? "SHA384withECDSA"
          : "SHA256withECDSA";
    }
    return "SHA256withRSA";
  }
}
