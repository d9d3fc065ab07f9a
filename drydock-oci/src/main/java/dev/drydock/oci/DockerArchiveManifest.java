package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code manifest.json} of a {@code docker save} archive: one entry per image, naming its
 * config file, tags and layer files.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/image/tarexport/tarexport.go">moby
 *     tarexport</a>
 * @param config the config member, e.g. {@code <hex>.json} or {@code blobs/sha256/<hex>}
 * @param repoTags the tags, possibly empty
 * @param layers the layer members, base first
 */
record DockerArchiveManifest(String config, List<String> repoTags, List<String> layers) {
  private static final String WHAT = "docker archive manifest.json";

  DockerArchiveManifest {
    repoTags = List.copyOf(repoTags);
    layers = List.copyOf(layers);
  }

  static List<DockerArchiveManifest> parse(byte[] json) throws MalformedContentException {
    JsonNode root = Codecs.parseAny(json, WHAT);
    if (!root.isArray() || root.isEmpty()) {
      throw new MalformedContentException(WHAT + " must be a non-empty JSON array");
    }
    List<DockerArchiveManifest> out = new ArrayList<>();
    for (JsonNode entry : root) {
      if (!entry.isObject()) {
        throw new MalformedContentException(WHAT + " entries must be objects");
      }
      List<String> layers = Codecs.optStrings(entry, "Layers", WHAT);
      if (layers == null) {
        throw new MalformedContentException(WHAT + " lacks the required field 'Layers'");
      }
      out.add(
          new DockerArchiveManifest(
              Codecs.text(entry, "Config", WHAT), Codecs.strings(entry, "RepoTags", WHAT), layers));
    }
    return out;
  }
}
