package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.InvalidValueException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes both SBOM writers with arbitrary text from an image (names, versions, paths, licences,
 * property keys and values): every document either validates against its official schema and gives
 * the text back, or the package is refused with {@link InvalidValueException}.
 *
 * <p>Runs its seeds (in {@code SbomWriterFuzzTestInputs/}) as a regular test; set {@code
 * JAZZER_FUZZ=1} to fuzz, see docs/development.md.
 */
class SbomWriterFuzzTest {

  @FuzzTest(maxDuration = "60s")
  @Timeout(30)
  void write(FuzzedDataProvider data) {
    String name = data.consumeString(200);
    String version = data.consumeString(50);
    String location = data.consumeString(200);
    String license = data.consumeString(80);
    String key = data.consumeString(30);
    String value = data.consumeRemainingAsString();
    ImagePackage p;
    try {
      p =
          new ImagePackage(
              "crates.io",
              name,
              version,
              Purls.cargo(name, version),
              null,
              null,
              SbomFixtures.LAYER1,
              List.of(location),
              "fuzz",
              Map.of(SbomWriter.LICENSE_PROPERTY, license, "p-" + key, value));
    } catch (InvalidValueException refused) {
      return;
    }
    byte[] cdx = SbomWriter.cycloneDx(SbomFixtures.subject(), List.of(p));
    assertThat(SbomSchemas.cycloneDxErrors(cdx)).isEmpty();
    JsonNode component = SbomSchemas.readTree(cdx).path("components").get(1);
    assertThat(component.path("name").asText()).isEqualTo(normalized(SbomJson.clean(name)));
    byte[] spdx = SbomWriter.spdx(SbomFixtures.subject(), List.of(p));
    assertThat(SbomSchemas.spdxErrors(spdx)).isEmpty();
    assertThat(SbomSchemas.readTree(spdx).path("packages").get(1).path("name").asText())
        .isEqualTo(SbomJson.clean(name));
  }

  /**
   * cyclonedx-core-java writes strings as XML normalizedString: trimmed, CR, LF and TAB as spaces,
   * runs of spaces as one.
   */
  private static String normalized(String s) {
    return s.trim()
        .replace("\r\n", " ")
        .replace("\n", " ")
        .replace("\t", " ")
        .replace("\r", " ")
        .replaceAll(" +", " ");
  }
}
