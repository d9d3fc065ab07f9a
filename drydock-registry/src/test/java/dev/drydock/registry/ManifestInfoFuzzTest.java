package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the manifest parser with arbitrary bodies and content types: it returns a manifest of a
 * supported media type or refuses with MANIFEST_INVALID, never anything else.
 */
class ManifestInfoFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String contentType = data.consumeBoolean() ? data.consumeString(80) : null;
    byte[] body = data.consumeRemainingAsBytes();
    try {
      ManifestInfo info = ManifestInfo.parse(JSON, body, contentType);
      assertThat(info.index() ? ManifestInfo.INDEX_TYPES : ManifestInfo.MANIFEST_TYPES)
          .contains(info.mediaType());
    } catch (DistributionException expected) {
      assertThat(expected.code()).isEqualTo(ErrorCode.MANIFEST_INVALID);
    }
  }
}
