package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void contentRangeIsInclusive() {
    assertThat(ByteRange.contentRange("0-99")).isEqualTo(new ByteRange(0, 99));
    assertThat(ByteRange.contentRange("0-99").length()).isEqualTo(100);
    assertThat(ByteRange.contentRange("bytes 100-199/1000")).isEqualTo(new ByteRange(100, 199));
  }

  @Test
  void malformedContentRangesAreRefused() {
    for (String bad :
        new String[] {"", "-1", "1-", "5-4", "a-b", "1-2-3", "99999999999999999999-1"}) {
      assertThatThrownBy(() -> ByteRange.contentRange(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              DistributionException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UPLOAD_INVALID));
    }
  }

  @Test
  void rangeHeaderForms() {
    assertThat(ByteRange.range("bytes=0-4", 10)).isEqualTo(new ByteRange(0, 4));
    assertThat(ByteRange.range("bytes=5-", 10)).isEqualTo(new ByteRange(5, 9));
    assertThat(ByteRange.range("bytes=-3", 10)).isEqualTo(new ByteRange(7, 9));
    assertThat(ByteRange.range("bytes=-30", 10)).isEqualTo(new ByteRange(0, 9));
    assertThat(ByteRange.range("bytes=8-100", 10)).isEqualTo(new ByteRange(8, 9));
  }

  @Test
  void rangesThatCannotBeHonouredAreIgnoredOrUnsatisfiable() {
    assertThat(ByteRange.range("bytes=0-1,3-4", 10)).isNull();
    assertThat(ByteRange.range("items=0-1", 10)).isNull();
    assertThat(ByteRange.range("bytes=5-2", 10)).isNull();
    assertThatThrownBy(() -> ByteRange.range("bytes=10-", 10))
        .isInstanceOfSatisfying(
            DistributionException.class, e -> assertThat(e.status()).isEqualTo(416));
    assertThatThrownBy(() -> ByteRange.range("bytes=-0", 10))
        .isInstanceOf(DistributionException.class);
  }
}
