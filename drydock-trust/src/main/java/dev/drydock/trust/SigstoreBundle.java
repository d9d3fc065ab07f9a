package dev.drydock.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A key-based Sigstore bundle v0.3 holding a DSSE envelope, and its JSON codec (protobuf JSON field
 * names). Keyless material (certificates), message-signature bundles and unknown members are
 * refused: drydock verifies only what it can check.
 *
 * @see <a
 *     href="https://github.com/sigstore/protobuf-specs/blob/main/protos/sigstore_bundle.proto">sigstore_bundle.proto</a>
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md">cosign
 *     BUNDLE_SPEC</a>
 * @param publicKeyHint the {@code verificationMaterial.publicKey.hint}, or null
 * @param envelope the DSSE envelope
 */
record SigstoreBundle(@Nullable String publicKeyHint, DsseEnvelope envelope) {

  /** The bundle media type drydock writes and reads. */
  static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  SigstoreBundle {
    Objects.requireNonNull(envelope, "envelope");
  }

  byte[] encode() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("mediaType", MEDIA_TYPE);
    ObjectNode material = root.putObject("verificationMaterial");
    if (publicKeyHint != null) {
      material.putObject("publicKey").put("hint", publicKeyHint);
    }
    material.putArray("tlogEntries");
    material.putObject("timestampVerificationData");
    ObjectNode dsse = root.putObject("dsseEnvelope");
    dsse.put("payload", envelope.payload());
    dsse.put("payloadType", envelope.payloadType());
    ArrayNode signatures = dsse.putArray("signatures");
    for (DsseEnvelope.Signature s : envelope.signatures()) {
      ObjectNode sig = signatures.addObject();
      sig.put("sig", s.sig());
      sig.put("keyid", s.keyid());
    }
    return Json.write(root);
  }

  /**
   * Parses a bundle.
   *
   * @throws VerificationException with {@link RefusalReason#MALFORMED_BUNDLE} when it is not a
   *     well-formed key-based v0.3 DSSE bundle
   */
  static SigstoreBundle decode(String source, byte[] bytes) throws VerificationException {
    try {
      ObjectNode root = Json.parseObject(bytes);
      Json.onlyFields(root, "the bundle", "mediaType", "verificationMaterial", "dsseEnvelope");
      String mediaType = Json.text(root, "mediaType");
      if (!mediaType.equals(MEDIA_TYPE)) {
        throw new Json.Malformed("mediaType is \"" + mediaType + "\", expected " + MEDIA_TYPE);
      }
      ObjectNode material = Json.object(root, "verificationMaterial");
      Json.onlyFields(
          material,
          "verificationMaterial",
          "publicKey",
          "tlogEntries",
          "timestampVerificationData");
      String hint = null;
      if (material.has("publicKey")) {
        ObjectNode publicKey = Json.object(material, "publicKey");
        Json.onlyFields(publicKey, "verificationMaterial.publicKey", "hint");
        hint = Json.optionalText(publicKey, "hint");
      } else {
        throw new Json.Malformed(
            "verificationMaterial has no publicKey; keyless (certificate) bundles are not"
                + " supported");
      }
      if (!root.has("dsseEnvelope")) {
        throw new Json.Malformed("no dsseEnvelope; cosign image signatures are DSSE bundles");
      }
      return new SigstoreBundle(hint, decodeEnvelope(Json.object(root, "dsseEnvelope")));
    } catch (Json.Malformed | IllegalArgumentException e) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE,
          source + ": not a well-formed Sigstore bundle: " + e.getMessage(),
          e);
    }
  }

  private static DsseEnvelope decodeEnvelope(ObjectNode dsse) throws Json.Malformed {
    Json.onlyFields(dsse, "dsseEnvelope", "payload", "payloadType", "signatures");
    Json.base64(dsse, "payload");
    JsonNode signatures = dsse.get("signatures");
    if (!(signatures instanceof ArrayNode array)
        || array.isEmpty()
        || array.size() > DsseEnvelope.MAX_SIGNATURES) {
      throw new Json.Malformed(
          "dsseEnvelope.signatures must be an array of 1 to "
              + DsseEnvelope.MAX_SIGNATURES
              + " signatures");
    }
    List<DsseEnvelope.Signature> list = new ArrayList<>();
    for (JsonNode s : array) {
      Json.onlyFields(s, "a DSSE signature", "sig", "keyid");
      Json.base64(s, "sig");
      String keyid = Json.optionalText(s, "keyid");
      list.add(new DsseEnvelope.Signature(keyid == null ? "" : keyid, Json.text(s, "sig")));
    }
    return new DsseEnvelope(Json.text(dsse, "payloadType"), Json.text(dsse, "payload"), list);
  }

  /** {@return the hint for a public key, as cosign and sigstore-js compute it} */
  static String hint(java.security.PublicKey key) {
    return Base64.getEncoder().encodeToString(SigningKeys.sha256(key.getEncoded()));
  }
}
