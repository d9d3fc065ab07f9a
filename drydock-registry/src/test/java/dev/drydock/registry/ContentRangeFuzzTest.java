package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the upload {@code Content-Range} and download {@code Range} parsers: each returns a range
 * inside its bounds or refuses with a {@link DistributionException}, never anything else.
 */
class ContentRangeFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    long size = data.consumeLong(0, Long.MAX_VALUE / 2);
    String header = data.consumeRemainingAsString();
    try {
      ByteRange r = ByteRange.contentRange(header);
      assertThat(r.last()).isGreaterThanOrEqualTo(r.first());
      assertThat(r.first()).isNotNegative();
    } catch (DistributionException expected) {
      assertThat(expected.code()).isEqualTo(ErrorCode.BLOB_UPLOAD_INVALID);
    }
    try {
      ByteRange r = ByteRange.range(header, size);
      if (r != null) {
        assertThat(r.first()).isBetween(0L, size - 1);
        assertThat(r.last()).isBetween(r.first(), size - 1);
      }
    } catch (DistributionException expected) {
      assertThat(expected.status()).isEqualTo(416);
    }
  }
}
