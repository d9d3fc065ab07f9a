package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.drydock.model.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the JSON renderer to the schema published in docs/schemas/drydock-report-v1.schema.json.
 */
class JsonSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        JsonSchemaTest.class.getResourceAsStream(
            "/dev/drydock/report/schemas/drydock-report-v1.schema.json")) {
      assertThat(in).as("published schema on the test classpath").isNotNull();
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(MAPPER.readTree(in));
    }
  }

  private static JsonNode render(Report report) throws IOException {
    StringWriter out = new StringWriter();
    Renderer.of(Format.JSON, TableOptions.plain()).render(report, out);
    return MAPPER.readTree(out.toString());
  }

  @Test
  void mixedReport_conformsToSchema() throws IOException {
    assertThat(schema.validate(render(SampleReports.mixed()))).isEmpty();
  }

  @Test
  void emptyReport_conformsToSchema() throws IOException {
    assertThat(schema.validate(render(SampleReports.empty()))).isEmpty();
  }

  @Test
  void schema_rejectsUnknownStatus() throws IOException {
    ObjectNode doc = (ObjectNode) render(SampleReports.mixed());
    ((ObjectNode) doc.withArray("findings").get(0)).put("status", "ok");
    Set<ValidationMessage> errors = schema.validate(doc);
    assertThat(errors).isNotEmpty();
  }
}
