package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one codec for {@link ImageIndex}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">OCI
 *     index</a>
 */
final class IndexCodec {
  private static final String WHAT = "image index";

  private IndexCodec() {}

  static ImageIndex decode(byte[] json) throws MalformedContentException {
    ObjectNode root = Codecs.parseObject(json, WHAT);
    ManifestCodec.checkSchemaVersion(root, WHAT);
    String mediaType = Codecs.optText(root, "mediaType", WHAT);
    if (mediaType != null && !MediaTypes.isIndex(mediaType)) {
      throw new MalformedContentException(
          WHAT
              + " has media type '"
              + mediaType
              + "'; expected "
              + MediaTypes.OCI_INDEX
              + " or "
              + MediaTypes.DOCKER_MANIFEST_LIST);
    }
    JsonNode subject = Codecs.optObject(root, "subject", WHAT);
    return new ImageIndex(
        mediaType,
        Codecs.optText(root, "artifactType", WHAT),
        DescriptorCodec.decodeList(Codecs.optArray(root, "manifests", WHAT), WHAT + " manifests"),
        subject == null ? null : DescriptorCodec.decode(subject, WHAT + " subject"),
        Codecs.stringMap(root, "annotations", WHAT));
  }

  static byte[] encode(ImageIndex index) {
    return Codecs.write(
        gen -> {
          boolean docker = String.valueOf(index.mediaType()).startsWith("application/vnd.docker");
          gen.writeStartObject();
          gen.writeNumberField("schemaVersion", 2);
          Codecs.optString(gen, "mediaType", index.mediaType());
          Codecs.optString(gen, "artifactType", index.artifactType());
          gen.writeArrayFieldStart("manifests");
          for (Descriptor d : index.manifests()) {
            DescriptorCodec.encode(gen, d, docker);
          }
          gen.writeEndArray();
          if (index.subject() != null) {
            gen.writeFieldName("subject");
            DescriptorCodec.encode(gen, index.subject(), docker);
          }
          Codecs.stringMap(gen, "annotations", index.annotations());
          gen.writeEndObject();
        });
  }
}
