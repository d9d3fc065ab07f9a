package dev.drydock.trust;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * Reads and verifies an OpenPGP signed message (compressed data, one-pass signature, literal data,
 * signature) against trusted key rings, before anything looks at the payload. Sizes are capped
 * before and after decompression, so a compression bomb stops early.
 */
final class OpenPgpMessages {
  /** A simple-signing payload is a few hundred bytes. */
  static final int MAX_PAYLOAD = 64 * 1024;

  private OpenPgpMessages() {}

  /** The verified content of a message: the signed bytes, the key ring and the signing time. */
  static final class Verified {
    private final byte[] payload;
    private final TrustedKey.OpenPgp key;
    private final Instant signedAt;

    Verified(byte[] payload, TrustedKey.OpenPgp key, Instant signedAt) {
      this.payload = payload;
      this.key = key;
      this.signedAt = signedAt;
    }

    byte[] payload() {
      return payload;
    }

    TrustedKey.OpenPgp key() {
      return key;
    }

    Instant signedAt() {
      return signedAt;
    }
  }

  static Verified verify(String source, byte[] message, List<TrustedKey.OpenPgp> keys, Instant now)
      throws VerificationException {
    if (message.length > Json.MAX_BYTES) {
      throw malformed(source, "larger than " + Json.MAX_BYTES + " bytes", null);
    }
    try {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(message);
      Object next = factory.nextObject();
      if (next instanceof PGPCompressedData compressed) {
        InputStream inner = new BoundedInputStream(compressed.getDataStream(), MAX_PAYLOAD * 4L);
        factory = new BcPGPObjectFactory(inner);
        next = factory.nextObject();
      }
      if (next instanceof PGPLiteralData) {
        throw new VerificationException(
            RefusalReason.NO_SIGNATURE, source + ": an OpenPGP message that is not signed");
      }
      if (!(next instanceof PGPOnePassSignatureList onePass) || onePass.size() != 1) {
        throw malformed(source, "not an OpenPGP signed message with one signature", null);
      }
      if (!(factory.nextObject() instanceof PGPLiteralData literal)) {
        throw malformed(source, "the signed message has no literal data", null);
      }
      byte[] payload = readCapped(literal.getInputStream());
      if (!(factory.nextObject() instanceof PGPSignatureList signatures)
          || signatures.size() != 1) {
        throw malformed(source, "the signed message has no final signature packet", null);
      }
      if (factory.nextObject() != null) {
        throw malformed(source, "trailing packets after the signature", null);
      }
      PGPSignature signature = signatures.get(0);
      if (signature.getKeyID() != onePass.get(0).getKeyID()) {
        throw malformed(source, "the one-pass and final signatures name different keys", null);
      }
      return check(source, signature, payload, keys, now);
    } catch (IOException | PGPException | RuntimeException e) {
      throw malformed(source, e.getMessage(), e);
    }
  }

  private static Verified check(
      String source,
      PGPSignature signature,
      byte[] payload,
      List<TrustedKey.OpenPgp> keys,
      Instant now)
      throws VerificationException, PGPException {
    for (TrustedKey.OpenPgp trusted : keys) {
      PGPPublicKey key = trusted.keyRing().getPublicKey(signature.getKeyID());
      if (key == null) {
        continue;
      }
      PGPPublicKey primary = trusted.keyRing().getPublicKey();
      try {
        OpenPgpKeys.algorithm(source, key);
      } catch (KeyFileException e) {
        throw new VerificationException(RefusalReason.WRONG_KEY, String.valueOf(e.getMessage()), e);
      }
      if (!key.isMasterKey() && !OpenPgpKeys.bound(primary, key)) {
        throw new VerificationException(
            RefusalReason.WRONG_KEY, source + ": signed by a subkey the primary key does not bind");
      }
      signature.init(new BcPGPContentVerifierBuilderProvider(), key);
      signature.update(payload);
      if (!signature.verify()) {
        throw new VerificationException(
            RefusalReason.TAMPERED_PAYLOAD,
            source
                + ": the OpenPGP signature by "
                + trusted.metadata().name()
                + " does not verify over the payload");
      }
      if (OpenPgpKeys.revoked(primary, key)) {
        throw new VerificationException(
            RefusalReason.REVOKED_KEY,
            source + ": the signing key of " + trusted.metadata().name() + " is revoked");
      }
      Instant signedAt = signature.getCreationTime().toInstant();
      // v3 signature packets have no subpackets, hence no expiry.
      var hashed = signature.getHashedSubPackets();
      long sigExpiry = hashed == null ? 0 : hashed.getSignatureExpirationTime();
      if (sigExpiry > 0 && !now.isBefore(signedAt.plusSeconds(sigExpiry))) {
        throw new VerificationException(
            RefusalReason.EXPIRED_KEY,
            source + ": the signature expired at " + signedAt.plusSeconds(sigExpiry));
      }
      Instant keyExpiry = OpenPgpKeys.expiry(key);
      if (keyExpiry != null && !now.isBefore(keyExpiry)) {
        throw new VerificationException(
            RefusalReason.EXPIRED_KEY, source + ": the signing key expired at " + keyExpiry);
      }
      return new Verified(payload, trusted, signedAt);
    }
    throw new VerificationException(
        RefusalReason.WRONG_KEY,
        source
            + ": signed by OpenPGP key "
            + java.util.HexFormat.of().withUpperCase().toHexDigits(signature.getKeyID())
            + ", which is not an accepted key");
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    byte[] data = in.readNBytes(MAX_PAYLOAD + 1);
    if (data.length > MAX_PAYLOAD) {
      throw new IOException("the signed payload is larger than " + MAX_PAYLOAD + " bytes");
    }
    return data;
  }

  private static VerificationException malformed(
      String source, @Nullable String detail, @Nullable Throwable cause) {
    if (cause instanceof VerificationException v) {
      return v;
    }
    return new VerificationException(
        RefusalReason.MALFORMED_BUNDLE,
        source + ": not a well-formed OpenPGP signed message: " + detail,
        cause);
  }

  /** Stops reading (with an error) after {@code limit} bytes. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        throw new IOException("decompressed data exceeds the limit");
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        throw new IOException("decompressed data exceeds the limit");
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
