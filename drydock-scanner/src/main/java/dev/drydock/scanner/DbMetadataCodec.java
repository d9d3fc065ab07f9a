package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The metadata section of {@code osv.ddb} as JSON, so that it can grow without a format bump. */
final class DbMetadataCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DbMetadataCodec() {}

  static byte[] write(DbMetadata m) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("format", m.formatVersion());
    o.put("built", m.built().toString());
    if (m.newestModified() != null) {
      o.put("newestModified", m.newestModified().toString());
    }
    o.put("records", m.recordCount());
    o.put("withdrawn", m.withdrawnCount());
    o.put("packages", m.packageCount());
    ArrayNode sources = o.putArray("sources");
    for (DbMetadata.Source s : m.sources()) {
      ObjectNode so = sources.addObject();
      so.put("source", s.source());
      so.put("imported", s.imported().toString());
      so.put("records", s.records());
      if (s.etag() != null) {
        so.put("etag", s.etag());
      }
      if (s.lastModified() != null) {
        so.put("lastModified", s.lastModified());
      }
    }
    return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static DbMetadata read(byte[] json, String file) throws VulnDbException {
    try {
      JsonNode o = MAPPER.readTree(json);
      List<DbMetadata.Source> sources = new ArrayList<>();
      for (JsonNode s : o.path("sources")) {
        sources.add(
            new DbMetadata.Source(
                s.path("source").asText(),
                Instant.parse(s.path("imported").asText()),
                s.path("records").asInt(),
                text(s.path("etag")),
                text(s.path("lastModified"))));
      }
      String newest = text(o.path("newestModified"));
      return new DbMetadata(
          o.path("format").asInt(),
          Instant.parse(o.path("built").asText()),
          newest == null ? null : Instant.parse(newest),
          o.path("records").asInt(),
          o.path("withdrawn").asInt(),
          o.path("packages").asInt(),
          sources);
    } catch (IOException | DateTimeParseException | NullPointerException e) {
      throw new VulnDbException(
          "Vulnerability database "
              + file
              + " has unreadable metadata: delete it and run 'drydock db update'.",
          e);
    }
  }

  private static @Nullable String text(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }
}
