package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Byte-for-byte golden files for each machine format. To regenerate after an intended change, run
 * with {@code -Ddrydock.updateGolden=true} and review the diff.
 */
class RendererGoldenTest {

  @ParameterizedTest
  @CsvSource({
    "JSON, mixed, report-mixed.json",
    "JSON, empty, report-empty.json",
    "SARIF, mixed, report-mixed.sarif",
    "JUNIT, mixed, report-mixed.junit.xml",
    "TABLE, mixed, report-mixed.txt"
  })
  void render_matchesGoldenFile(Format format, String sample, String golden) throws IOException {
    Report report = sample.equals("mixed") ? SampleReports.mixed() : SampleReports.empty();
    StringWriter out = new StringWriter();
    Renderer.of(format, new TableOptions(false, true, true)).render(report, out);

    String resource = "/dev/drydock/report/golden/" + golden;
    if (Boolean.parseBoolean(System.getProperty("drydock.updateGolden"))) {
      Path file = Path.of("src/test/resources" + resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as("golden file %s", resource).isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out.toString()).isEqualTo(expected);
    }
  }
}
