package dev.drydock.oci;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Descriptors and platforms inside manifests and indexes; the field order follows the Go structs of
 * image-spec ({@code specs-go/v1/descriptor.go}) so that documents written by Go tools re-encode to
 * the same bytes.
 */
final class DescriptorCodec {
  private DescriptorCodec() {}

  static Descriptor decode(JsonNode node, String what) throws MalformedContentException {
    if (!node.isObject()) {
      throw new MalformedContentException(what + " must be an object");
    }
    long size = node.has("size") ? Codecs.optLong(node, "size", what) : -1;
    if (size < 0) {
      throw new MalformedContentException(
          what + " needs a non-negative 'size'; refusing a descriptor without a size");
    }
    JsonNode platform = Codecs.optObject(node, "platform", what);
    return new Descriptor(
        Codecs.text(node, "mediaType", what),
        Codecs.digest(node, "digest", what),
        size,
        Codecs.strings(node, "urls", what),
        Codecs.stringMap(node, "annotations", what),
        Codecs.optText(node, "data", what),
        platform == null ? null : decodePlatform(platform, what + " platform"),
        Codecs.optText(node, "artifactType", what));
  }

  static List<Descriptor> decodeList(@Nullable List<JsonNode> nodes, String what)
      throws MalformedContentException {
    if (nodes == null) {
      throw new MalformedContentException(what + " is required");
    }
    List<Descriptor> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      out.add(decode(nodes.get(i), what + "[" + i + "]"));
    }
    return out;
  }

  static Platform decodePlatform(JsonNode node, String what) throws MalformedContentException {
    return new Platform(
        Codecs.text(node, "architecture", what),
        Codecs.text(node, "os", what),
        Codecs.optText(node, "os.version", what),
        Codecs.strings(node, "os.features", what),
        Codecs.optText(node, "variant", what),
        Codecs.strings(node, "features", what));
  }

  /**
   * Writes a descriptor. Docker's Go struct orders {@code size} before {@code digest}; image-spec
   * orders {@code digest} first: the order follows the document's family.
   */
  static void encode(JsonGenerator gen, Descriptor d, boolean docker) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("mediaType", d.mediaType());
    if (docker) {
      gen.writeNumberField("size", d.size());
      gen.writeStringField("digest", d.digest().toString());
    } else {
      gen.writeStringField("digest", d.digest().toString());
      gen.writeNumberField("size", d.size());
    }
    if (!d.urls().isEmpty()) {
      Codecs.strings(gen, "urls", d.urls());
    }
    Codecs.stringMap(gen, "annotations", d.annotations());
    Codecs.optString(gen, "data", d.data());
    Platform p = d.platform();
    if (p != null) {
      gen.writeObjectFieldStart("platform");
      gen.writeStringField("architecture", p.architecture());
      gen.writeStringField("os", p.os());
      Codecs.optString(gen, "os.version", p.osVersion());
      if (!p.osFeatures().isEmpty()) {
        Codecs.strings(gen, "os.features", p.osFeatures());
      }
      Codecs.optString(gen, "variant", p.variant());
      if (!p.features().isEmpty()) {
        Codecs.strings(gen, "features", p.features());
      }
      gen.writeEndObject();
    }
    Codecs.optString(gen, "artifactType", d.artifactType());
    gen.writeEndObject();
  }
}
