package dev.drydock.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code key.json}: a key's metadata as stored beside it. */
final class KeyMetadataCodec {
  private KeyMetadataCodec() {}

  static byte[] encode(KeyMetadata m) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("name", m.name());
    root.put("keyId", m.keyId());
    root.put("algorithm", m.algorithm().name());
    root.put("environment", m.environment().id());
    root.put("notBefore", m.notBefore().toString());
    root.put("notAfter", m.notAfter().toString());
    Instant revoked = m.revokedAt();
    if (revoked != null) {
      root.put("revokedAt", revoked.toString());
    }
    return Json.write(root);
  }

  static KeyMetadata decode(String source, byte[] bytes) throws KeyFileException {
    try {
      ObjectNode root = Json.parseObject(bytes);
      Json.onlyFields(
          root,
          "key metadata",
          "name",
          "keyId",
          "algorithm",
          "environment",
          "notBefore",
          "notAfter",
          "revokedAt");
      String revoked = Json.optionalText(root, "revokedAt");
      return new KeyMetadata(
          Json.text(root, "name"),
          Json.text(root, "keyId"),
          KeyAlgorithm.valueOf(Json.text(root, "algorithm")),
          Environment.parse(Json.text(root, "environment")),
          Instant.parse(Json.text(root, "notBefore")),
          Instant.parse(Json.text(root, "notAfter")),
          revoked == null ? null : Instant.parse(revoked));
    } catch (Json.Malformed | IllegalArgumentException | DateTimeParseException e) {
      throw new KeyFileException(source + ": malformed key metadata: " + e.getMessage(), e);
    }
  }
}
