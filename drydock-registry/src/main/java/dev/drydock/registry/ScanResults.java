package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.model.Severity;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Scan results, one JSON file per digest under {@code <data>/scans/<algorithm>/<hex>.json}, written
 * atomically (a reader sees the old result or the new one). A file that no longer parses is read as
 * "not scanned", so the image is scanned again.
 */
final class ScanResults {
  private static final System.Logger LOG = System.getLogger(ScanResults.class.getName());
  private static final int MAX_FILE_BYTES = 1 << 20;

  private final Path root;
  private final ObjectMapper json = new ObjectMapper();

  ScanResults(Path dataDir) {
    this.root = dataDir.resolve("scans");
  }

  /** {@return the stored result of {@code digest}, or null when there is none} */
  @Nullable ScanResult read(Digest digest) throws RegistryException {
    Path file = file(digest);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
        return null;
      }
      return decode(digest, json.readTree(Files.readAllBytes(file)));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "unreadable scan result " + file + ": " + e);
      return null;
    }
  }

  /** Stores a result, replacing the earlier one. */
  void write(ScanResult result) throws RegistryException {
    Path file = file(result.digest());
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.write(temp, json.writeValueAsBytes(encode(result)));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new RegistryException("cannot store the scan result " + file + ": " + e, e);
    }
  }

  private Path file(Digest digest) {
    return root.resolve(digest.algorithm()).resolve(digest.hex() + ".json");
  }

  private ObjectNode encode(ScanResult r) {
    ObjectNode o = json.createObjectNode();
    o.put("digest", r.digest().toString());
    if (r.failure() != null) {
      o.put("failure", r.failure());
    }
    if (r.maxSeverity() != null) {
      o.put("maxSeverity", r.maxSeverity().name());
    }
    ObjectNode counts = o.putObject("counts");
    r.counts().forEach((s, n) -> counts.put(s.name(), n));
    ArrayNode top = o.putArray("top");
    for (ScanResult.Top t : r.top()) {
      ObjectNode e = top.addObject();
      e.put("id", t.id());
      e.put("severity", t.severity().name());
      e.put("package", t.pkg());
      e.put("version", t.version());
      if (t.fixedVersion() != null) {
        e.put("fixedVersion", t.fixedVersion());
      }
    }
    o.put("dbBuilt", r.dbBuilt().toString());
    o.put("scannedAt", r.scannedAt().toString());
    return o;
  }

  private static ScanResult decode(Digest digest, JsonNode o) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    o.path("counts")
        .properties()
        .forEach(e -> counts.put(Severity.valueOf(e.getKey()), e.getValue().asInt()));
    List<ScanResult.Top> top = new ArrayList<>();
    for (JsonNode e : o.path("top")) {
      top.add(
          new ScanResult.Top(
              e.path("id").asText(),
              Severity.valueOf(e.path("severity").asText()),
              e.path("package").asText(),
              e.path("version").asText(),
              e.hasNonNull("fixedVersion") ? e.get("fixedVersion").asText() : null));
    }
    if (!digest.toString().equals(o.path("digest").asText())) {
      throw new IllegalStateException("the file holds the result of another digest");
    }
    return new ScanResult(
        digest,
        o.hasNonNull("failure") ? o.get("failure").asText() : null,
        o.hasNonNull("maxSeverity") ? Severity.valueOf(o.get("maxSeverity").asText()) : null,
        counts,
        top,
        Instant.parse(o.path("dbBuilt").asText()),
        Instant.parse(o.path("scannedAt").asText()));
  }
}
