package dev.drydock.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;

/**
 * OpenPGP signing through a {@link Signer}: BouncyCastle builds the packets and the hashed trailer,
 * the signer produces the raw signature, so an HSM-held key can sign OpenPGP too. The OpenPGP key
 * is the signer's key with its {@code notBefore} as creation time (which fixes the fingerprint).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4880#section-5.2">RFC 4880 §5.2</a>
 */
final class OpenPgpSigner {
  private final Signer signer;
  private final PGPPublicKey publicKey;

  OpenPgpSigner(Signer signer) throws TrustException {
    this.signer = signer;
    this.publicKey = toPgp(signer);
  }

  PGPPublicKey publicKey() {
    return publicKey;
  }

  static PGPPublicKey toPgp(Signer signer) throws TrustException {
    int algorithm =
        switch (signer.metadata().algorithm()) {
          case ECDSA_P256 -> PublicKeyAlgorithmTags.ECDSA;
          case RSA_3072, RSA_4096 -> PublicKeyAlgorithmTags.RSA_GENERAL;
          case ED25519 -> PublicKeyAlgorithmTags.EDDSA_LEGACY;
        };
    try {
      return new JcaPGPKeyConverter()
          .getPGPPublicKey(
              org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4,
              algorithm,
              signer.publicKey(),
              Date.from(signer.metadata().notBefore()));
    } catch (PGPException e) {
      throw new TrustException(
          "key " + signer.metadata().name() + " has no OpenPGP form: " + e.getMessage(), e);
    }
  }

  /** {@return the binary transferable public key: the key with a self-signed user ID} */
  byte[] exportPublicKey(String userId) throws TrustException {
    PGPSignatureGenerator generator = generator(PGPSignature.POSITIVE_CERTIFICATION);
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setSignatureCreationTime(false, Date.from(signer.metadata().notBefore()));
    hashed.setKeyFlags(
        false,
        org.bouncycastle.bcpg.sig.KeyFlags.SIGN_DATA
            | org.bouncycastle.bcpg.sig.KeyFlags.CERTIFY_OTHER);
    long lifetime =
        signer.metadata().notAfter().getEpochSecond()
            - signer.metadata().notBefore().getEpochSecond();
    hashed.setKeyExpirationTime(false, Math.min(lifetime, 0xFFFFFFFFL));
    hashed.setIssuerFingerprint(false, publicKey);
    generator.setHashedSubpackets(hashed.generate());
    try {
      PGPSignature certification = run(() -> generator.generateCertification(userId, publicKey));
      PGPPublicKey certified = PGPPublicKey.addCertification(publicKey, userId, certification);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      certified.encode(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  /**
   * {@return an OpenPGP signed message over {@code payload}: compressed data holding a one-pass
   * signature, the literal data and the signature, as GnuPG writes for containers/image}
   */
  byte[] signMessage(byte[] payload, Instant now) throws TrustException {
    PGPSignatureGenerator generator = generator(PGPSignature.BINARY_DOCUMENT);
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setSignatureCreationTime(false, Date.from(now));
    hashed.setIssuerFingerprint(false, publicKey);
    generator.setHashedSubpackets(hashed.generate());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      PGPCompressedDataGenerator compressed =
          new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
      try (OutputStream zip = compressed.open(bytes);
          BCPGOutputStream packets = new BCPGOutputStream(zip)) {
        run(() -> generator.generateOnePassVersion(false)).encode(packets);
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        try (OutputStream data =
            literal.open(packets, PGPLiteralData.BINARY, "", payload.length, Date.from(now))) {
          data.write(payload);
        }
        generator.update(payload);
        run(generator::generate).encode(packets);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private PGPSignatureGenerator generator(int type) throws TrustException {
    PGPSignatureGenerator generator = new PGPSignatureGenerator(new DelegatingBuilder(), publicKey);
    PGPPrivateKey handle =
        new PGPPrivateKey(publicKey.getKeyID(), publicKey.getPublicKeyPacket(), null);
    run(
        () -> {
          generator.init(type, handle);
          return generator;
        });
    return generator;
  }

  private interface PgpAction<T> {
    T run() throws PGPException;
  }

  private <T> T run(PgpAction<T> action) throws TrustException {
    try {
      return action.run();
    } catch (SignerFailure e) {
      throw e.cause;
    } catch (PGPException e) {
      throw new TrustException(
          "OpenPGP signing with key " + signer.metadata().name() + " failed: " + e.getMessage(), e);
    }
  }

  /** Carries a signer's checked failure through BouncyCastle's unchecked callback. */
  private static final class SignerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TrustException cause;

    SignerFailure(TrustException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  /** Builds content signers that hash with SHA-256 and hand the bytes to the {@link Signer}. */
  private final class DelegatingBuilder implements PGPContentSignerBuilder {
    @Override
    public PGPContentSigner build(int signatureType, PGPPrivateKey ignored) {
      MessageDigest sha256;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      ByteArrayOutputStream signed = new ByteArrayOutputStream();
      OutputStream tee =
          new OutputStream() {
            @Override
            public void write(int b) {
              sha256.update((byte) b);
              signed.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              sha256.update(b, off, len);
              signed.write(b, off, len);
            }
          };
      return new PGPContentSigner() {
        private byte @org.jspecify.annotations.Nullable [] digest;

        @Override
        public OutputStream getOutputStream() {
          return tee;
        }

        @Override
        public byte[] getDigest() {
          if (digest == null) {
            digest = sha256.digest();
          }
          return digest;
        }

        @Override
        public byte[] getSignature() {
          try {
            // OpenPGP EdDSA signs the digest; RSA and ECDSA sign the hashed data (same value).
            return signer.metadata().algorithm() == KeyAlgorithm.ED25519
                ? signer.sign(getDigest())
                : signer.sign(signed.toByteArray());
          } catch (TrustException e) {
            throw new SignerFailure(e);
          }
        }

        @Override
        public int getType() {
          return signatureType;
        }

        @Override
        public int getHashAlgorithm() {
          return HashAlgorithmTags.SHA256;
        }

        @Override
        public int getKeyAlgorithm() {
          return publicKey.getAlgorithm();
        }

        @Override
        public long getKeyID() {
          return publicKey.getKeyID();
        }
      };
    }
  }
}
