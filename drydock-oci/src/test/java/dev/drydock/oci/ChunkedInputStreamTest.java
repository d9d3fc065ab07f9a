package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedInputStreamTest {
  private static byte[] decode(String wire) throws Exception {
    return new ChunkedInputStream(
            new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), "t")
        .readAllBytes();
  }

  @Test
  void decodesChunksExtensionsAndTrailers() throws Exception {
    assertThat(
            new String(
                decode("5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: y\r\n\r\n"),
                StandardCharsets.UTF_8))
        .isEqualTo("hello world");
  }

  @Test
  void badSizeOrTruncation_isError() {
    assertThatThrownBy(() -> decode("zz\r\n")).hasMessageContaining("bad chunk size");
    assertThatThrownBy(() -> decode("fffffffffffffffff\r\n"))
        .hasMessageContaining("bad chunk size");
    assertThatThrownBy(() -> decode("5\r\nhel")).hasMessageContaining("truncated");
    assertThatThrownBy(() -> decode("2\r\nhiX\r\n")).hasMessageContaining("CRLF");
  }
}
