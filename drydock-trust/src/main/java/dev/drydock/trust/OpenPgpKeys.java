package dev.drydock.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * OpenPGP public keys as GnuPG exports them (binary or ASCII-armoured key rings), turned into
 * {@link TrustedKey.OpenPgp}; plus the subkey binding, revocation and expiry checks the verifier
 * needs. Only signatures made by the primary key count, so a forged binding or revocation is
 * ignored.
 */
public final class OpenPgpKeys {
  private static final int MAX_KEYS = 64;

  private OpenPgpKeys() {}

  /**
   * Reads every key in an exported key ring file ({@code gpg --export [--armor]}).
   *
   * @param source names the input in error messages
   * @param name the trust-store name given to the keys (suffixed with {@code -N} when several)
   * @param environment the environment the keys sign for
   * @throws KeyFileException when the data is not an OpenPGP key ring
   */
  public static List<TrustedKey.OpenPgp> read(
      String source, byte[] keyring, String name, Environment environment) throws KeyFileException {
    if (keyring.length > Json.MAX_BYTES) {
      throw new KeyFileException(source + ": larger than " + Json.MAX_BYTES + " bytes");
    }
    List<TrustedKey.OpenPgp> out = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyring))) {
      PGPPublicKeyRingCollection rings =
          new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      Iterator<PGPPublicKeyRing> it = rings.getKeyRings();
      while (it.hasNext()) {
        PGPPublicKeyRing ring = it.next();
        if (out.size() >= MAX_KEYS) {
          throw new KeyFileException(source + ": more than " + MAX_KEYS + " keys");
        }
        String keyName = out.isEmpty() && !it.hasNext() ? name : name + "-" + (out.size() + 1);
        out.add(new TrustedKey.OpenPgp(metadata(source, keyName, ring, environment), ring));
      }
    } catch (IOException | PGPException | RuntimeException e) {
      throw new KeyFileException(source + ": not an OpenPGP public key ring: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new KeyFileException(source + ": no OpenPGP public key found");
    }
    return out;
  }

  /** {@return the OpenPGP form of a signer's key, self-certified with {@code userId} (binary)} */
  public static byte[] export(Signer signer, String userId) throws TrustException {
    return new OpenPgpSigner(signer).exportPublicKey(userId);
  }

  /**
   * {@return the OpenPGP trusted key for a drydock key, with the drydock metadata (validity,
   * revocation) apart from the key ID, which becomes the OpenPGP fingerprint}
   */
  public static TrustedKey.OpenPgp trusted(Signer signer, String userId) throws TrustException {
    byte[] exported = export(signer, userId);
    TrustedKey.OpenPgp read =
        read("the OpenPGP form of " + signer.metadata().name(), exported, "x", Environment.DEV)
            .getFirst();
    KeyMetadata m = signer.metadata();
    KeyMetadata metadata =
        new KeyMetadata(
            m.name(),
            read.metadata().keyId(),
            m.algorithm(),
            m.environment(),
            m.notBefore(),
            m.notAfter(),
            m.revokedAt());
    return new TrustedKey.OpenPgp(metadata, read.keyRing());
  }

  private static KeyMetadata metadata(
      String source, String name, PGPPublicKeyRing ring, Environment env) throws KeyFileException {
    PGPPublicKey primary = ring.getPublicKey();
    Instant created = primary.getCreationTime().toInstant();
    Instant expiry = expiry(primary);
    return new KeyMetadata(
        name,
        HexFormat.of().formatHex(primary.getFingerprint()),
        algorithm(source, primary),
        env,
        created,
        expiry != null ? expiry : Instant.parse("9999-12-31T23:59:59Z"),
        null);
  }

  /** The same key types as for cosign keys: RSA of 3072 bits or more, ECDSA P-256, Ed25519. */
  static KeyAlgorithm algorithm(String source, PGPPublicKey key) throws KeyFileException {
    String id = HexFormat.of().withUpperCase().toHexDigits(key.getKeyID());
    return switch (key.getAlgorithm()) {
      case PublicKeyAlgorithmTags.RSA_GENERAL -> {
        if (key.getBitStrength() < 3072) {
          throw new KeyFileException(
              source
                  + ": OpenPGP key "
                  + id
                  + " is RSA "
                  + key.getBitStrength()
                  + "; drydock accepts RSA keys of at least 3072 bits");
        }
        yield key.getBitStrength() >= 4096 ? KeyAlgorithm.RSA_4096 : KeyAlgorithm.RSA_3072;
      }
      case PublicKeyAlgorithmTags.ECDSA -> {
        if (!(key.getPublicKeyPacket().getKey() instanceof ECPublicBCPGKey ec)
            || !ec.getCurveOID().equals(SECObjectIdentifiers.secp256r1)) {
          throw new KeyFileException(
              source + ": OpenPGP key " + id + " is ECDSA on a curve other than P-256");
        }
        yield KeyAlgorithm.ECDSA_P256;
      }
      case PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519 ->
          KeyAlgorithm.ED25519;
      default ->
          throw new KeyFileException(
              source
                  + ": OpenPGP key "
                  + id
                  + " uses algorithm "
                  + key.getAlgorithm()
                  + "; drydock accepts RSA, ECDSA P-256 and Ed25519");
    };
  }

  /** {@return when the key expires per its self-signature, or null when it does not} */
  static @Nullable Instant expiry(PGPPublicKey key) {
    long seconds = key.getValidSeconds();
    return seconds > 0 ? key.getCreationTime().toInstant().plusSeconds(seconds) : null;
  }

  /** {@return whether {@code primary} made a valid binding signature over {@code subkey}} */
  static boolean bound(PGPPublicKey primary, PGPPublicKey subkey) {
    Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
    while (it.hasNext()) {
      if (verifiesKeySignature(primary, subkey, it.next())) {
        return true;
      }
    }
    return false;
  }

  /** {@return whether {@code primary} revoked itself or {@code key}} */
  static boolean revoked(PGPPublicKey primary, PGPPublicKey key) {
    Iterator<PGPSignature> own = primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION);
    while (own.hasNext()) {
      PGPSignature s = own.next();
      try {
        s.init(new BcPGPContentVerifierBuilderProvider(), primary);
        if (s.verifyCertification(primary)) {
          return true;
        }
      } catch (PGPException | RuntimeException e) {
        // An unverifiable revocation is ignored, as GnuPG does.
      }
    }
    if (key.getKeyID() == primary.getKeyID()) {
      return false;
    }
    Iterator<PGPSignature> sub = key.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION);
    while (sub.hasNext()) {
      if (verifiesKeySignature(primary, key, sub.next())) {
        return true;
      }
    }
    return false;
  }

  private static boolean verifiesKeySignature(
      PGPPublicKey primary, PGPPublicKey subkey, PGPSignature s) {
    try {
      s.init(new BcPGPContentVerifierBuilderProvider(), primary);
      return s.verifyCertification(primary, subkey);
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }
}
