package dev.drydock.scanner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the OSV JSON tree of an {@link OsvRecord} for {@link OsvCodec#write}; field order follows
 * the schema, empty lists and absent fields are left out.
 */
final class OsvWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OsvWriter() {}

  static ObjectNode record(OsvRecord r) {
    ObjectNode o = F.objectNode();
    o.put("id", r.id());
    o.put("modified", r.modified().toString());
    if (r.published() != null) {
      o.put("published", r.published().toString());
    }
    if (r.withdrawn() != null) {
      o.put("withdrawn", r.withdrawn().toString());
    }
    strings(o, "aliases", r.aliases());
    strings(o, "related", r.related());
    strings(o, "upstream", r.upstream());
    if (!r.summary().isEmpty()) {
      o.put("summary", r.summary());
    }
    if (!r.details().isEmpty()) {
      o.put("details", r.details());
    }
    if (!r.severity().isEmpty()) {
      ArrayNode a = o.putArray("severity");
      for (OsvSeverity s : r.severity()) {
        a.addObject().put("type", s.type()).put("score", s.score());
      }
    }
    if (!r.affected().isEmpty()) {
      ArrayNode a = o.putArray("affected");
      for (OsvAffected af : r.affected()) {
        affected(a.addObject(), af);
      }
    }
    if (!r.references().isEmpty()) {
      ArrayNode a = o.putArray("references");
      for (OsvReference ref : r.references()) {
        a.addObject().put("type", ref.type()).put("url", ref.url());
      }
    }
    raw(o, "database_specific", r.databaseSpecific());
    return o;
  }

  private static void affected(ObjectNode o, OsvAffected af) {
    ObjectNode p = o.putObject("package");
    p.put("ecosystem", af.pkg().ecosystem());
    p.put("name", af.pkg().name());
    if (af.pkg().purl() != null) {
      p.put("purl", af.pkg().purl());
    }
    if (!af.ranges().isEmpty()) {
      ArrayNode ranges = o.putArray("ranges");
      for (OsvRange r : af.ranges()) {
        ObjectNode ro = ranges.addObject();
        ro.put("type", r.type().name());
        if (r.repo() != null) {
          ro.put("repo", r.repo());
        }
        ArrayNode events = ro.putArray("events");
        for (OsvEvent e : r.events()) {
          events.addObject().put(e.kind().json(), e.version());
        }
      }
    }
    strings(o, "versions", af.versions());
    raw(o, "ecosystem_specific", af.ecosystemSpecific());
    raw(o, "database_specific", af.databaseSpecific());
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(field);
      values.forEach(a::add);
    }
  }

  private static void raw(ObjectNode o, String field, @Nullable String json) {
    if (json == null) {
      return;
    }
    try {
      o.set(field, OsvCodec.readTree(json));
    } catch (IOException e) {
      throw new IllegalStateException("stored " + field + " is not JSON", e);
    }
  }
}
