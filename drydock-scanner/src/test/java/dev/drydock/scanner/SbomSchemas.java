package dev.drydock.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * The official schemas: CycloneDX 1.6 through cyclonedx-core-java's validator (which bundles the
 * 1.6 schema), SPDX 2.3 through the schema from the spdx-spec repository (tag v2.3, see
 * sbom/ATTRIBUTION.md) with networknt, plus the SPDX rules the schema does not express.
 */
final class SbomSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchema SPDX =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(readTree(Fixtures.bytes("sbom/spdx-2.3-schema.json")));

  /** Spec 2.3 section 3.2 and 7.2: {@code SPDXRef-} followed by letters, digits, '.' and '-'. */
  private static final Pattern SPDX_ID = Pattern.compile("SPDXRef-[A-Za-z0-9.-]+");

  private static final Pattern SPDX_DATE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  /** Loaded once: cyclonedx-core-java's validate() re-reads the schema on every call. */
  private static final JsonSchema CYCLONEDX = cycloneDxSchema();

  private SbomSchemas() {}

  private static JsonSchema cycloneDxSchema() {
    try {
      return new JsonParser().getJsonSchema(Version.VERSION_16, MAPPER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> cycloneDxErrors(byte[] json) {
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : CYCLONEDX.validate(readTree(json))) {
      out.add(m.getMessage());
    }
    return out;
  }

  static List<String> spdxErrors(byte[] json) {
    JsonNode doc = readTree(json);
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : SPDX.validate(doc)) {
      out.add(m.getMessage());
    }
    checkId(doc.path("SPDXID"), out);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonNode p : doc.path("packages")) {
      checkId(p.path("SPDXID"), out);
      if (!ids.add(p.path("SPDXID").asText())) {
        out.add("duplicate SPDXID " + p.path("SPDXID").asText());
      }
    }
    for (JsonNode r : doc.path("relationships")) {
      for (String f : List.of("spdxElementId", "relatedSpdxElement")) {
        String id = r.path(f).asText();
        if (!id.equals("SPDXRef-DOCUMENT") && !ids.contains(id)) {
          out.add("relationship names unknown element " + id);
        }
      }
    }
    String ns = doc.path("documentNamespace").asText();
    if (ns.contains("#") || !java.net.URI.create(ns).isAbsolute()) {
      out.add("documentNamespace is not an absolute URI without '#': " + ns);
    }
    if (!SPDX_DATE.matcher(doc.path("creationInfo").path("created").asText()).matches()) {
      out.add("created is not YYYY-MM-DDThh:mm:ssZ");
    }
    return out;
  }

  private static void checkId(JsonNode id, List<String> out) {
    if (!SPDX_ID.matcher(id.asText()).matches()) {
      out.add("bad SPDXID " + id);
    }
  }

  static JsonNode readTree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
