package dev.drydock.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Public-key encodings shared by all formats: PEM SubjectPublicKeyInfo public keys (what {@code
 * cosign.pub} holds), PKCS#8 private keys, and drydock's key ID.
 */
public final class SigningKeys {
  private SigningKeys() {}

  /** {@return the key ID: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo} */
  public static String keyId(PublicKey key) {
    return HexFormat.of().formatHex(sha256(key.getEncoded()));
  }

  /**
   * {@return the cosign/sigstore-js key hint: standard base64 of the SHA-256 of the DER
   * SubjectPublicKeyInfo}
   */
  public static String keyHint(PublicKey key) {
    return java.util.Base64.getEncoder().encodeToString(sha256(key.getEncoded()));
  }

  /** {@return a PEM {@code PUBLIC KEY} block} */
  public static byte[] publicKeyPem(PublicKey key) {
    return Pem.encode("PUBLIC KEY", key.getEncoded());
  }

  /**
   * Reads a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) such as {@code cosign.pub}.
   *
   * @param source names the input in error messages
   * @throws KeyFileException when the file is not such a key or the algorithm is not accepted
   */
  public static PublicKey readPublicKey(String source, byte[] pem) throws KeyFileException {
    Pem.Block block = Pem.decode(source, pem);
    if (!block.label().equals("PUBLIC KEY")) {
      throw new KeyFileException(
          source + ": expected a PEM PUBLIC KEY block, found " + block.label());
    }
    return publicKeyFromDer(source, block.der());
  }

  static PublicKey publicKeyFromDer(String source, byte[] der) throws KeyFileException {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
      String jca = jcaName(source, info.getAlgorithm().getAlgorithm());
      PublicKey key = KeyFactory.getInstance(jca).generatePublic(new X509EncodedKeySpec(der));
      KeyAlgorithm.of(source, key);
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyFileException(source + ": not a valid SubjectPublicKeyInfo public key", e);
    }
  }

  static PrivateKey privateKeyFromPkcs8(String source, byte[] der) throws KeyFileException {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
      String jca = jcaName(source, info.getPrivateKeyAlgorithm().getAlgorithm());
      return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyFileException(source + ": the decrypted key is not a valid PKCS#8 key", e);
    }
  }

  /**
   * {@return the public half of a private key} EC public points are recomputed from the scalar,
   * because PKCS#8 need not carry them.
   *
   * @throws KeyFileException when the key is not a supported private key
   */
  public static PublicKey publicKeyOf(String source, PrivateKey key) throws KeyFileException {
    try {
      AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(key.getEncoded());
      AsymmetricKeyParameter pub =
          switch (priv) {
            case ECPrivateKeyParameters ec ->
                new ECPublicKeyParameters(
                    ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
            case RSAPrivateCrtKeyParameters rsa ->
                new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            case Ed25519PrivateKeyParameters ed -> ed.generatePublicKey();
            default -> throw new KeyFileException(source + ": unsupported private key type");
          };
      byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded();
      return publicKeyFromDer(source, der);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new KeyFileException(source + ": cannot derive the public key", e);
    }
  }

  private static String jcaName(String source, ASN1ObjectIdentifier oid) throws KeyFileException {
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new KeyFileException(
        source + ": unsupported key algorithm " + oid + "; use ECDSA P-256, RSA or Ed25519");
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
