package dev.drydock.trust;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.model.InvalidValueException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies one image signature against accepted keys and returns what it proves, or throws a {@link
 * VerificationException} with the reason. The cryptographic check comes first; payloads are parsed
 * only once a trusted key has signed them.
 */
public final class SignatureVerifier {
  private final List<TrustedKey.Pkix> pkixKeys = new ArrayList<>();
  private final List<TrustedKey.OpenPgp> openPgpKeys = new ArrayList<>();
  private final Clock clock;

  /** Creates a verifier accepting exactly {@code keys}, checking validity against {@code clock}. */
  public SignatureVerifier(List<? extends TrustedKey> keys, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    for (TrustedKey key : keys) {
      switch (key) {
        case TrustedKey.Pkix p -> pkixKeys.add(p);
        case TrustedKey.OpenPgp o -> openPgpKeys.add(o);
      }
    }
  }

  /**
   * Verifies that {@code signature} signs {@code digest} for {@code image}.
   *
   * @param image the image reference the caller resolved (its repository is checked against the
   *     signed identity where the format has one)
   * @param digest the digest of the exact manifest bytes
   * @throws VerificationException naming the reason when the signature proves nothing
   */
  public VerifiedSignature verify(ImageRef image, Digest digest, ImageSignature signature)
      throws VerificationException {
    String source = signature.format() + " signature for " + image;
    Instant now = clock.instant();
    return switch (signature.format()) {
      case COSIGN_BUNDLE -> verifyBundle(source, digest, signature.bytesUnsafe(), now);
      case COSIGN_SIMPLE_SIGNING ->
          verifyCosignSimple(
              source,
              image,
              digest,
              signature.bytesUnsafe(),
              Objects.requireNonNull(signature.signatureAnnotation()),
              now);
      case OPENPGP_SIMPLE_SIGNING ->
          verifyOpenPgp(source, image, digest, signature.bytesUnsafe(), now);
    };
  }

  private VerifiedSignature verifyBundle(String source, Digest digest, byte[] json, Instant now)
      throws VerificationException {
    SigstoreBundle bundle = SigstoreBundle.decode(source, json);
    DsseEnvelope envelope = bundle.envelope();
    byte[] pae = envelope.pae();
    TrustedKey.Pkix signer = null;
    TrustedKey.Pkix hinted = null;
    for (TrustedKey.Pkix key : pkixKeys) {
      if (SigstoreBundle.hint(key.publicKey()).equals(bundle.publicKeyHint())) {
        hinted = key;
      }
      for (DsseEnvelope.Signature s : envelope.signatures()) {
        if (signer == null && verifies(key, pae, s.bytes())) {
          signer = key;
        }
      }
    }
    if (signer == null) {
      if (hinted != null) {
        throw new VerificationException(
            RefusalReason.TAMPERED_PAYLOAD,
            source
                + ": the bundle names key "
                + hinted.metadata().name()
                + " but its signature does not verify over the envelope");
      }
      throw new VerificationException(
          RefusalReason.WRONG_KEY, source + ": no accepted key verifies the bundle's signature");
    }
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO)) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE,
          source + ": DSSE payloadType is " + envelope.payloadType() + ", not in-toto");
    }
    InTotoStatement statement = InTotoStatement.decode(source, envelope.payloadBytes());
    if (!statement.predicateType().equals(InTotoStatement.COSIGN_SIGN_PREDICATE)) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE,
          source
              + ": predicateType is "
              + statement.predicateType()
              + ", not the cosign sign predicate");
    }
    if (!statement.subjectDigests().contains(digest)) {
      throw new VerificationException(
          RefusalReason.WRONG_DIGEST,
          source + ": the statement's subjects " + statement.subjectDigests() + " omit " + digest);
    }
    checkKeyState(source, signer.metadata(), now, null);
    return verified(signer.metadata(), SignatureFormat.COSIGN_BUNDLE, digest, null, null);
  }

  private VerifiedSignature verifyCosignSimple(
      String source, ImageRef image, Digest digest, byte[] payload, String annotation, Instant now)
      throws VerificationException {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(annotation);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE, source + ": the signature annotation is not base64", e);
    }
    TrustedKey.Pkix signer = null;
    for (TrustedKey.Pkix key : pkixKeys) {
      if (verifies(key, payload, sig)) {
        signer = key;
        break;
      }
    }
    if (signer == null) {
      throw new VerificationException(
          RefusalReason.WRONG_KEY,
          source + ": no accepted key verifies the signature over this payload");
    }
    SimpleSigningPayload parsed =
        SimpleSigningPayload.decode(source, payload, SimpleSigningPayload.COSIGN_TYPE);
    Long timestamp = parsed.timestamp();
    Instant signedAt = timestamp == null ? null : Instant.ofEpochSecond(timestamp);
    return checked(
        source,
        image,
        digest,
        parsed,
        signer.metadata(),
        now,
        signedAt,
        SignatureFormat.COSIGN_SIMPLE_SIGNING);
  }

  private VerifiedSignature verifyOpenPgp(
      String source, ImageRef image, Digest digest, byte[] message, Instant now)
      throws VerificationException {
    OpenPgpMessages.Verified verified = OpenPgpMessages.verify(source, message, openPgpKeys, now);
    SimpleSigningPayload parsed =
        SimpleSigningPayload.decode(source, verified.payload(), SimpleSigningPayload.ATOMIC_TYPE);
    return checked(
        source,
        image,
        digest,
        parsed,
        verified.key().metadata(),
        now,
        verified.signedAt(),
        SignatureFormat.OPENPGP_SIMPLE_SIGNING);
  }

  private static VerifiedSignature checked(
      String source,
      ImageRef image,
      Digest digest,
      SimpleSigningPayload payload,
      KeyMetadata key,
      Instant now,
      @Nullable Instant signedAt,
      SignatureFormat format)
      throws VerificationException {
    if (!payload.manifestDigest().equals(digest)) {
      throw new VerificationException(
          RefusalReason.WRONG_DIGEST,
          source + ": signs manifest " + payload.manifestDigest() + ", not " + digest);
    }
    checkIdentity(source, payload.dockerReference(), image);
    checkKeyState(source, key, now, signedAt);
    return verified(key, format, digest, payload.dockerReference(), signedAt);
  }

  /**
   * The signed identity must name the same repository; when both it and the image carry a tag, the
   * tags must match too (containers' matchRepoDigestOrExact, relaxed to repository for cosign,
   * which signs the repository only).
   */
  static void checkIdentity(String source, String signed, ImageRef image)
      throws VerificationException {
    ImageRef ref;
    try {
      ref = ImageRef.parse(signed);
    } catch (InvalidValueException e) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE,
          source + ": the signed docker-reference \"" + signed + "\" is not a valid reference",
          e);
    }
    int at = signed.indexOf('@');
    String name = at < 0 ? signed : signed.substring(0, at);
    boolean signedTag = name.substring(name.lastIndexOf('/') + 1).contains(":");
    boolean sameTag = !signedTag || image.tag() == null || Objects.equals(ref.tag(), image.tag());
    if (!ref.name().equals(image.name()) || !sameTag) {
      throw new VerificationException(
          RefusalReason.WRONG_IDENTITY,
          source + ": the signature is for " + signed + ", not " + image);
    }
  }

  static void checkKeyState(String source, KeyMetadata key, Instant now, @Nullable Instant signedAt)
      throws VerificationException {
    if (key.revokedAt(now)) {
      throw new VerificationException(
          RefusalReason.REVOKED_KEY,
          source + ": key " + key.name() + " was revoked at " + key.revokedAt());
    }
    if (!key.validAt(now)) {
      throw new VerificationException(
          RefusalReason.EXPIRED_KEY,
          source
              + ": key "
              + key.name()
              + " is valid from "
              + key.notBefore()
              + " to "
              + key.notAfter()
              + ", not at "
              + now);
    }
    if (signedAt != null && (!key.validAt(signedAt) || key.revokedAt(signedAt))) {
      throw new VerificationException(
          RefusalReason.EXPIRED_KEY,
          source + ": signed at " + signedAt + ", outside key " + key.name() + "'s validity");
    }
  }

  private static VerifiedSignature verified(
      KeyMetadata key,
      SignatureFormat format,
      Digest digest,
      @Nullable String reference,
      @Nullable Instant signedAt) {
    return new VerifiedSignature(
        key.keyId(), key.name(), key.environment(), format, digest, reference, signedAt);
  }

  static boolean verifies(TrustedKey.Pkix key, byte[] data, byte[] signature) {
    PublicKey publicKey = key.publicKey();
    try {
      Signature verifier = Signature.getInstance(key.metadata().algorithm().jcaSignature());
      verifier.initVerify(publicKey);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
