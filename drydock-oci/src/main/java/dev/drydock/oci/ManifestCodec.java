package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one codec for {@link ImageManifest}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md">OCI
 *     manifest</a>
 */
final class ManifestCodec {
  private static final String WHAT = "image manifest";

  private ManifestCodec() {}

  static ImageManifest decode(byte[] json) throws MalformedContentException {
    ObjectNode root = Codecs.parseObject(json, WHAT);
    checkSchemaVersion(root, WHAT);
    String mediaType = Codecs.optText(root, "mediaType", WHAT);
    if (mediaType != null && !MediaTypes.isManifest(mediaType)) {
      throw new MalformedContentException(
          WHAT
              + " has media type '"
              + mediaType
              + "'; expected "
              + MediaTypes.OCI_MANIFEST
              + " or "
              + MediaTypes.DOCKER_MANIFEST);
    }
    if (mediaType == null && root.has("manifests")) {
      throw new MalformedContentException(
          WHAT + " has 'manifests' and no media type: this is an index, not a manifest");
    }
    JsonNode config = Codecs.optObject(root, "config", WHAT);
    if (config == null) {
      throw new MalformedContentException(WHAT + " lacks the required field 'config'");
    }
    JsonNode subject = Codecs.optObject(root, "subject", WHAT);
    return new ImageManifest(
        mediaType,
        Codecs.optText(root, "artifactType", WHAT),
        DescriptorCodec.decode(config, WHAT + " config"),
        DescriptorCodec.decodeList(Codecs.optArray(root, "layers", WHAT), WHAT + " layers"),
        subject == null ? null : DescriptorCodec.decode(subject, WHAT + " subject"),
        Codecs.stringMap(root, "annotations", WHAT));
  }

  static void checkSchemaVersion(JsonNode root, String what) throws MalformedContentException {
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isIntegralNumber() || version.intValue() != 2) {
      throw new MalformedContentException(
          what + " must have schemaVersion 2 (schema 1 manifests are not supported)");
    }
  }

  static byte[] encode(ImageManifest m) {
    return Codecs.write(
        gen -> {
          boolean docker = String.valueOf(m.mediaType()).startsWith("application/vnd.docker");
          gen.writeStartObject();
          gen.writeNumberField("schemaVersion", 2);
          Codecs.optString(gen, "mediaType", m.mediaType());
          Codecs.optString(gen, "artifactType", m.artifactType());
          gen.writeFieldName("config");
          DescriptorCodec.encode(gen, m.config(), docker);
          gen.writeArrayFieldStart("layers");
          for (Descriptor d : m.layers()) {
            DescriptorCodec.encode(gen, d, docker);
          }
          gen.writeEndArray();
          if (m.subject() != null) {
            gen.writeFieldName("subject");
            DescriptorCodec.encode(gen, m.subject(), docker);
          }
          Codecs.stringMap(gen, "annotations", m.annotations());
          gen.writeEndObject();
        });
  }
}
