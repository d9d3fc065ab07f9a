package dev.drydock.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One signature file as containers/image stores it: in a lookaside directory a bare OpenPGP
 * message; in its {@code dir:} transport a NUL-prefixed format tag, {@code \0simple-signing} then
 * the OpenPGP message, or {@code \0sigstore-json} then JSON {@code {mimeType, payload,
 * annotations}} for a cosign simple-signing layer.
 *
 * @see <a
 *     href="https://github.com/containers/image/blob/main/signature/signature.go">containers/image
 *     signature.go</a>
 */
public final class ContainersSignatureFile {
  static final String COSIGN_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  private static final byte[] SIMPLE = "\0simple-signing\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIGSTORE = "\0sigstore-json\n".getBytes(StandardCharsets.US_ASCII);

  private ContainersSignatureFile() {}

  /**
   * Reads one signature file.
   *
   * @throws VerificationException with {@link RefusalReason#MALFORMED_BUNDLE} for an unknown format
   *     or media type, {@link RefusalReason#NO_SIGNATURE} for a cosign layer without the signature
   *     annotation
   */
  public static ImageSignature decode(String source, byte[] file) throws VerificationException {
    if (file.length == 0 || file[0] != 0) {
      return ImageSignature.openPgp(file);
    }
    if (startsWith(file, SIMPLE)) {
      return ImageSignature.openPgp(Arrays.copyOfRange(file, SIMPLE.length, file.length));
    }
    if (!startsWith(file, SIGSTORE)) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE, source + ": unknown containers signature format");
    }
    try {
      ObjectNode doc = Json.parseObject(Arrays.copyOfRange(file, SIGSTORE.length, file.length));
      Json.onlyFields(doc, "sigstore-json", "mimeType", "payload", "annotations");
      String mimeType = Json.text(doc, "mimeType");
      if (!mimeType.equals(COSIGN_MEDIA_TYPE)) {
        throw new Json.Malformed(
            "media type " + mimeType + " is not a cosign simple-signing signature");
      }
      byte[] payload = Json.base64(doc, "payload");
      JsonNode annotations = doc.get("annotations");
      JsonNode signature =
          annotations == null ? null : annotations.get(ImageSignature.COSIGN_SIGNATURE_ANNOTATION);
      if (signature == null || !signature.isTextual()) {
        throw new VerificationException(
            RefusalReason.NO_SIGNATURE,
            source + ": the layer has no " + ImageSignature.COSIGN_SIGNATURE_ANNOTATION);
      }
      return ImageSignature.cosignSimpleSigning(payload, signature.textValue());
    } catch (Json.Malformed e) {
      throw new VerificationException(
          RefusalReason.MALFORMED_BUNDLE, source + ": " + e.getMessage(), e);
    }
  }

  /** {@return the {@code dir:}-transport bytes of a signature} */
  public static byte[] encode(ImageSignature signature) {
    return switch (signature.format()) {
      case OPENPGP_SIMPLE_SIGNING -> concat(SIMPLE, signature.bytesUnsafe());
      case COSIGN_SIMPLE_SIGNING -> {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("mimeType", COSIGN_MEDIA_TYPE);
        doc.put("payload", Base64.getEncoder().encodeToString(signature.bytesUnsafe()));
        doc.putObject("annotations")
            .put(
                ImageSignature.COSIGN_SIGNATURE_ANNOTATION,
                java.util.Objects.requireNonNull(signature.signatureAnnotation()));
        yield concat(SIGSTORE, Json.write(doc));
      }
      case COSIGN_BUNDLE ->
          throw new IllegalArgumentException(
              "containers/image has no file form for cosign bundles; store them as referrers");
    };
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
