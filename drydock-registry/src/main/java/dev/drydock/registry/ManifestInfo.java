package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the registry needs from a pushed manifest or index: its type, the blobs and manifests it
 * references (checked to exist before it is accepted), and its subject, artifact type and
 * annotations (for the referrers API). The bytes themselves are stored unchanged.
 *
 * @param mediaType the manifest's media type
 * @param index whether it is an index (OCI index or Docker manifest list)
 * @param blobs the config and layers of an image manifest, without non-distributable layers
 * @param manifests the manifests an index lists
 * @param subject the manifest this one refers to, or null
 * @param artifactType the artifact type for referrers: the field, else an image manifest's config
 *     media type; null for an index without one
 * @param annotations the manifest's annotations
 */
record ManifestInfo(
    String mediaType,
    boolean index,
    List<Digest> blobs,
    List<Digest> manifests,
    @Nullable Descriptor subject,
    @Nullable String artifactType,
    Map<String, String> annotations) {

  /** Media types of image manifests. */
  static final Set<String> MANIFEST_TYPES =
      Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);

  /** Media types of indexes. */
  static final Set<String> INDEX_TYPES =
      Set.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);

  ManifestInfo {
    blobs = List.copyOf(blobs);
    manifests = List.copyOf(manifests);
    annotations = Map.copyOf(annotations);
  }

  /** A content descriptor: media type, digest and size. */
  record Descriptor(String mediaType, Digest digest, long size) {}

  /**
   * Parses a manifest as pushed.
   *
   * @param contentType the request's Content-Type without parameters, or null when absent
   * @throws DistributionException MANIFEST_INVALID naming what is wrong
   */
  static ManifestInfo parse(ObjectMapper json, byte[] body, @Nullable String contentType) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw invalid("it is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("it is not a JSON object");
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isInt() || version.intValue() != 2) {
      throw invalid(
          "schemaVersion must be 2 (Docker schema 1 manifests are not accepted: push with a"
              + " current client)");
    }
    String declared = optionalText(root, "mediaType");
    String type = declared != null ? declared : contentType;
    if (declared != null
        && contentType != null
        && !contentType.equals("application/octet-stream")
        && !declared.equals(contentType)) {
      throw invalid("mediaType " + declared + " differs from Content-Type " + contentType);
    }
    boolean index;
    if (type != null && INDEX_TYPES.contains(type)) {
      index = true;
    } else if (type != null && MANIFEST_TYPES.contains(type)) {
      index = false;
    } else if (type == null || type.equals("application/octet-stream")) {
      index = root.has("manifests");
      type = index ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    } else {
      throw invalid("media type " + type + " is not an OCI or Docker schema 2 manifest or index");
    }
    List<Digest> blobs = new ArrayList<>();
    List<Digest> manifests = new ArrayList<>();
    String artifactType = optionalText(root, "artifactType");
    if (index) {
      for (JsonNode entry : array(root, "manifests")) {
        manifests.add(descriptor(entry, "manifests[]").digest());
      }
    } else {
      Descriptor config = descriptor(required(root, "config"), "config");
      blobs.add(config.digest());
      for (JsonNode layer : array(root, "layers")) {
        Descriptor d = descriptor(layer, "layers[]");
        // Non-distributable layers live elsewhere (their urls); they are not pushed here.
        JsonNode urls = layer.get("urls");
        if (urls == null || !urls.isArray() || urls.isEmpty()) {
          blobs.add(d.digest());
        }
      }
      if (artifactType == null || artifactType.isEmpty()) {
        artifactType = config.mediaType();
      }
    }
    JsonNode subjectNode = root.get("subject");
    Descriptor subject =
        subjectNode == null || subjectNode.isNull() ? null : descriptor(subjectNode, "subject");
    if (artifactType != null && artifactType.isEmpty()) {
      artifactType = null;
    }
    return new ManifestInfo(
        type, index, blobs, manifests, subject, artifactType, annotations(root, "annotations"));
  }

  private static Descriptor descriptor(JsonNode node, String where) {
    if (!node.isObject()) {
      throw invalid(where + " is not a descriptor object");
    }
    String mediaType = optionalText(node, "mediaType");
    JsonNode digest = node.get("digest");
    JsonNode size = node.get("size");
    if (mediaType == null || digest == null || !digest.isTextual()) {
      throw invalid(where + " needs mediaType and digest");
    }
    if (size == null
        || !size.canConvertToLong()
        || !size.isIntegralNumber()
        || size.longValue() < 0) {
      throw invalid(where + " needs a non-negative integer size");
    }
    Digest d;
    try {
      d = Refs.digest(digest.textValue());
    } catch (DistributionException e) {
      throw invalid(where + ": " + e.getMessage());
    }
    return new Descriptor(mediaType, d, size.longValue());
  }

  private static JsonNode required(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw invalid("it has no " + field);
    }
    return node;
  }

  private static JsonNode array(JsonNode root, String field) {
    JsonNode node = required(root, field);
    if (!node.isArray()) {
      throw invalid(field + " is not an array");
    }
    return node;
  }

  private static @Nullable String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field + " is not a string");
    }
    return value.textValue();
  }

  static Map<String, String> annotations(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw invalid(field + " is not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw invalid(field + "." + entry.getKey() + " is not a string");
      }
      out.put(entry.getKey(), entry.getValue().textValue());
    }
    return out;
  }

  private static DistributionException invalid(String why) {
    return new DistributionException(ErrorCode.MANIFEST_INVALID, "manifest invalid: " + why);
  }
}
