package dev.drydock.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.scanner.ImagePackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Catalogues on disk, keyed by the OCI ChainID of an image's layers: the ChainID of the top layer
 * names the exact stack of layer diffIDs, so it names the file system and hence the catalogue.
 * Images that differ only in their configuration (tags, labels, entry point) share one entry, and
 * an unchanged image is never read again. Entries are tied to the drydock version that wrote them,
 * since a newer cataloguer may find more.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI
 *     image config: Layer ChainID</a>
 */
final class CatalogCache {
  static final String FORMAT = "drydock-catalog-cache/1";
  private static final long MAX_ENTRY_BYTES = 256L * 1024 * 1024;

  private final Path dir;
  private final String toolVersion;
  private final ObjectMapper mapper = new ObjectMapper();

  CatalogCache(Path dir, String toolVersion) {
    this.dir = dir;
    this.toolVersion = toolVersion;
  }

  /** {@return the ChainID of a stack of diffIDs, bottom first} */
  static String chainId(List<String> diffIds) {
    if (diffIds.isEmpty()) {
      return "sha256:" + "0".repeat(64);
    }
    String chain = Digest.parse(diffIds.getFirst()).toString();
    for (int i = 1; i < diffIds.size(); i++) {
      chain = sha256(chain + " " + Digest.parse(diffIds.get(i)));
    }
    return chain;
  }

  private static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return Digest.sha256(md.digest(text.getBytes(StandardCharsets.UTF_8))).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private Path file(String chainId) {
    return dir.resolve(Digest.parse(chainId).hex() + ".json");
  }

  /** {@return the cached catalogue, or empty when there is none, or it is unreadable or stale} */
  Optional<CachedCatalog> get(String chainId) {
    Path f = file(chainId);
    try {
      if (!Files.isRegularFile(f) || Files.size(f) > MAX_ENTRY_BYTES) {
        return Optional.empty();
      }
      JsonNode doc = mapper.readTree(f.toFile());
      if (!FORMAT.equals(doc.path("format").asText())
          || !toolVersion.equals(doc.path("toolVersion").asText())
          || !chainId.equals(doc.path("chainId").asText())) {
        return Optional.empty();
      }
      List<ImagePackage> packages = new ArrayList<>();
      for (JsonNode p : doc.path("packages")) {
        packages.add(read(p));
      }
      List<String> problems = new ArrayList<>();
      doc.path("problems").forEach(n -> problems.add(n.asText()));
      return Optional.of(new CachedCatalog(doc.path("os").asText(), packages, problems));
    } catch (IOException | RuntimeException e) {
      // A damaged entry is a cache miss: the image is read again and the entry rewritten.
      return Optional.empty();
    }
  }

  /** Stores a catalogue; written beside and renamed, so that a reader never sees half an entry. */
  void put(String chainId, CachedCatalog catalog) throws IOException {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("toolVersion", toolVersion);
    doc.put("chainId", chainId);
    doc.put("os", catalog.os());
    ArrayNode packages = doc.putArray("packages");
    for (ImagePackage p : catalog.packages()) {
      ObjectNode n = packages.addObject();
      n.put("ecosystem", p.ecosystem());
      n.put("name", p.name());
      n.put("version", p.version());
      n.put("purl", p.purl());
      n.put("sourceName", p.sourceName());
      n.put("sourceVersion", p.sourceVersion());
      n.put("layer", p.layer().toString());
      ArrayNode locations = n.putArray("locations");
      p.locations().forEach(locations::add);
      n.put("cataloguer", p.cataloguer());
      ObjectNode props = n.putObject("properties");
      new TreeMap<>(p.properties()).forEach(props::put);
    }
    ArrayNode problems = doc.putArray("problems");
    catalog.problems().forEach(problems::add);
    Files.createDirectories(dir);
    Path target = file(chainId);
    Path temp = Files.createTempFile(dir, ".entry-", ".tmp");
    try {
      mapper.writeValue(temp.toFile(), doc);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static ImagePackage read(JsonNode p) {
    List<String> locations = new ArrayList<>();
    p.path("locations").forEach(n -> locations.add(n.asText()));
    Map<String, String> props = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : p.path("properties").properties()) {
      props.put(e.getKey(), e.getValue().asText());
    }
    return new ImagePackage(
        text(p, "ecosystem"),
        text(p, "name"),
        text(p, "version"),
        text(p, "purl"),
        nullable(p, "sourceName"),
        nullable(p, "sourceVersion"),
        Digest.parse(text(p, "layer")),
        locations,
        text(p, "cataloguer"),
        props);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("cache entry without " + field);
    }
    return v.asText();
  }

  private static @Nullable String nullable(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
