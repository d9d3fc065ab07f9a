package dev.drydock.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The simple-signing payload shared by cosign's legacy format and containers' OpenPGP format, and
 * its codec. Parsing is paranoid as containers-signature(5) asks: an unknown member of {@code
 * critical} is refused, so a future critical constraint is never silently ignored.
 *
 * @see <a
 *     href="https://github.com/containers/image/blob/main/docs/containers-signature.5.md">containers-signature(5)</a>
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign
 *     SIGNATURE_SPEC</a>
 * @param type {@link #COSIGN_TYPE} or {@link #ATOMIC_TYPE}
 * @param dockerReference the signed identity as written (not normalised)
 * @param manifestDigest the signed manifest digest
 * @param optional the {@code optional} object, or null when absent or JSON null
 */
record SimpleSigningPayload(
    String type, String dockerReference, Digest manifestDigest, @Nullable ObjectNode optional) {

  static final String COSIGN_TYPE = "cosign container image signature";
  static final String ATOMIC_TYPE = "atomic container signature";

  SimpleSigningPayload {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dockerReference, "dockerReference");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
  }

  /** {@return the canonical bytes, members in the order cosign and containers/image write them} */
  byte[] encode() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
    critical.put("type", type);
    if (optional == null) {
      root.putNull("optional");
    } else {
      root.set("optional", optional);
    }
    return Json.write(root);
  }

  /**
   * Parses a payload of the expected type.
   *
   * @throws VerificationException with {@link RefusalReason#UNKNOWN_CRITICAL_FIELD} for an unknown
   *     critical member, {@link RefusalReason#MALFORMED_BUNDLE} for anything else that is wrong
   */
  static SimpleSigningPayload decode(String source, byte[] bytes, String expectedType)
      throws VerificationException {
    try {
      ObjectNode root = Json.parseObject(bytes);
      Json.onlyFields(root, "the payload", "critical", "optional");
      ObjectNode critical = Json.object(root, "critical");
      ObjectNode identity = Json.object(critical, "identity");
      ObjectNode image = Json.object(critical, "image");
      unknownCritical(source, critical, "critical", "type", "image", "identity");
      unknownCritical(source, identity, "critical.identity", "docker-reference");
      unknownCritical(source, image, "critical.image", "docker-manifest-digest");
      String type = Json.text(critical, "type");
      if (!type.equals(expectedType)) {
        throw new Json.Malformed("critical.type is \"" + type + "\", expected " + expectedType);
      }
      String reference = Json.text(identity, "docker-reference");
      Digest digest = Digest.parse(Json.text(image, "docker-manifest-digest"));
      JsonNode optional = root.get("optional");
      ObjectNode optionalObject = null;
      if (optional instanceof ObjectNode o) {
        optionalObject = o;
        checkOptional(o);
      } else if (optional != null && !optional.isNull()) {
        throw new Json.Malformed("\"optional\" must be an object or null");
      }
      return new SimpleSigningPayload(type, reference, digest, optionalObject);
    } catch (Json.Malformed | InvalidValueException e) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE,
          source + ": the simple-signing payload is malformed: " + e.getMessage(),
          e);
    }
  }

  /** {@return the {@code optional.timestamp} (Unix seconds), or null} */
  @Nullable Long timestamp() {
    JsonNode t = optional == null ? null : optional.get("timestamp");
    return t == null ? null : t.longValue();
  }

  private static void checkOptional(ObjectNode optional) throws Json.Malformed {
    if (optional.has("timestamp")) {
      Json.integer(optional, "timestamp");
    }
    if (optional.has("creator")) {
      Json.text(optional, "creator");
    }
  }

  private static void unknownCritical(String source, JsonNode node, String where, String... known)
      throws VerificationException {
    try {
      Json.onlyFields(node, where, known);
    } catch (Json.Malformed e) {
      throw new VerificationException(
          RefusalReason.UNKNOWN_CRITICAL_FIELD,
          source + ": " + e.getMessage() + "; refusing a critical constraint drydock cannot check");
    }
  }
}
