package dev.drydock.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The in-toto Statement v1 cosign signs for an image: subjects by digest, the cosign sign predicate
 * type, an empty predicate. drydock reads only the sha256 subject digests and the predicate type;
 * the predicate is not interpreted.
 *
 * @see <a href="https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md">in-toto
 *     Statement v1</a>
 * @param subjectDigests the subjects' sha256 digests
 * @param predicateType the predicate type
 */
record InTotoStatement(List<Digest> subjectDigests, String predicateType) {

  static final String TYPE = "https://in-toto.io/Statement/v1";
  static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
  static final int MAX_SUBJECTS = 64;

  InTotoStatement {
    subjectDigests = List.copyOf(subjectDigests);
    Objects.requireNonNull(predicateType, "predicateType");
  }

  byte[] encode() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("_type", TYPE);
    ArrayNode subjects = root.putArray("subject");
    for (Digest d : subjectDigests) {
      subjects.addObject().putObject("digest").put(d.algorithm(), d.hex());
    }
    root.put("predicateType", predicateType);
    root.putObject("predicate");
    return Json.write(root);
  }

  static InTotoStatement decode(String source, byte[] bytes) throws VerificationException {
    try {
      ObjectNode root = Json.parseObject(bytes);
      String type = Json.text(root, "_type");
      if (!type.equals(TYPE)) {
        throw new Json.Malformed("_type is \"" + type + "\", expected " + TYPE);
      }
      JsonNode subjects = root.get("subject");
      if (!(subjects instanceof ArrayNode array)
          || array.isEmpty()
          || array.size() > MAX_SUBJECTS) {
        throw new Json.Malformed("subject must be an array of 1 to " + MAX_SUBJECTS + " subjects");
      }
      List<Digest> digests = new ArrayList<>();
      for (JsonNode subject : array) {
        ObjectNode digest = Json.object(subject, "digest");
        String sha256 = Json.optionalText(digest, "sha256");
        if (sha256 != null) {
          digests.add(new Digest("sha256", sha256));
        }
      }
      Json.object(root, "predicate");
      return new InTotoStatement(digests, Json.text(root, "predicateType"));
    } catch (Json.Malformed | InvalidValueException e) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE,
          source + ": the in-toto statement is malformed: " + e.getMessage(),
          e);
    }
  }
}
