package dev.drydock.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signs image manifest digests in the three formats. The signer hashes; nothing here holds keys.
 * What to sign is always a digest computed from the exact manifest bytes, never a tag.
 */
public final class ImageSigning {
  /** The {@code optional.creator} drydock writes into OpenPGP simple signing payloads. */
  public static final String CREATOR = "drydock 0.1.0";

  private final Clock clock;

  /** Creates a signer that stamps signatures with {@code clock}'s time. */
  public ImageSigning(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@return a cosign v3 bundle: DSSE over an in-toto statement whose subject is {@code digest},
   * with the cosign sign predicate and the key hint}
   */
  public ImageSignature cosignBundle(Digest digest, Signer signer) throws TrustException {
    requireSha256(digest);
    InTotoStatement statement =
        new InTotoStatement(List.of(digest), InTotoStatement.COSIGN_SIGN_PREDICATE);
    byte[] payload = statement.encode();
    byte[] sig = signer.sign(DsseEnvelope.pae(DsseEnvelope.IN_TOTO, payload));
    Base64.Encoder b64 = Base64.getEncoder();
    DsseEnvelope envelope =
        new DsseEnvelope(
            DsseEnvelope.IN_TOTO,
            b64.encodeToString(payload),
            List.of(new DsseEnvelope.Signature("", b64.encodeToString(sig))));
    SigstoreBundle bundle = new SigstoreBundle(SigstoreBundle.hint(signer.publicKey()), envelope);
    return ImageSignature.cosignBundle(bundle.encode());
  }

  /**
   * {@return a legacy cosign simple-signing layer: the payload names the repository (no tag, as
   * cosign writes it) and {@code annotations} go to {@code optional}}
   */
  public ImageSignature cosignSimpleSigning(
      ImageRef image, Digest digest, Map<String, String> annotations, Signer signer)
      throws TrustException {
    ObjectNode optional = null;
    if (!annotations.isEmpty()) {
      optional = Json.MAPPER.createObjectNode();
      for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
        optional.put(e.getKey(), e.getValue());
      }
    }
    SimpleSigningPayload payload =
        new SimpleSigningPayload(SimpleSigningPayload.COSIGN_TYPE, image.name(), digest, optional);
    byte[] bytes = payload.encode();
    return ImageSignature.cosignSimpleSigning(
        bytes, Base64.getEncoder().encodeToString(signer.sign(bytes)));
  }

  /**
   * {@return a containers simple signature: an OpenPGP signed message over an {@code atomic
   * container signature} payload naming {@code image} with its tag}
   */
  public ImageSignature openPgp(ImageRef image, Digest digest, Signer signer)
      throws TrustException {
    ObjectNode optional = Json.MAPPER.createObjectNode();
    optional.put("creator", CREATOR);
    optional.put("timestamp", clock.instant().getEpochSecond());
    String identity = image.tag() != null ? image.name() + ":" + image.tag() : image.name();
    SimpleSigningPayload payload =
        new SimpleSigningPayload(SimpleSigningPayload.ATOMIC_TYPE, identity, digest, optional);
    byte[] message = new OpenPgpSigner(signer).signMessage(payload.encode(), clock.instant());
    return ImageSignature.openPgp(message);
  }

  private static void requireSha256(Digest digest) {
    if (!digest.algorithm().equals("sha256")) {
      throw new IllegalArgumentException(
          "cosign signs sha256 manifest digests; got " + digest.algorithm());
    }
  }
}
