package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedInputStreamTest {
  @Test
  void read_chunksWithExtensionsAndTrailers_decodes() throws IOException {
    InputStream in = chunked("3;a=b\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n");

    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abc0123456789");
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void read_singleBytes_decodes() throws IOException {
    InputStream in = chunked("2\r\nhi\r\n0\r\n\r\n");

    assertThat(in.read()).isEqualTo('h');
    assertThat(in.read()).isEqualTo('i');
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(new byte[4], 0, 0)).isZero();
  }

  @Test
  void read_badSize_throwsMalformed() {
    assertThatThrownBy(() -> chunked("zz\r\nabc\r\n0\r\n\r\n").readAllBytes())
        .isInstanceOf(MalformedHttpException.class)
        .hasMessageContaining("bad chunk size line: 'zz'");
    assertThatThrownBy(() -> chunked("ffffffffffffffff\r\n").readAllBytes())
        .isInstanceOf(MalformedHttpException.class);
  }

  @Test
  void read_chunkLongerThanDeclared_throwsMalformed() {
    assertThatThrownBy(() -> chunked("2\r\nabc\r\n0\r\n\r\n").readAllBytes())
        .isInstanceOf(MalformedHttpException.class)
        .hasMessageContaining("longer than its declared size");
  }

  @Test
  void read_truncated_throwsMalformed() {
    assertThatThrownBy(() -> chunked("5\r\nab").readAllBytes())
        .isInstanceOf(MalformedHttpException.class)
        .hasMessageContaining("in the middle of a chunk");
  }

  @Test
  void read_endlessTrailers_throwsMalformed() {
    assertThatThrownBy(() -> chunked("0\r\n" + "T: x\r\n".repeat(200) + "\r\n").readAllBytes())
        .isInstanceOf(MalformedHttpException.class)
        .hasMessageContaining("trailer fields");
  }

  @Test
  void limited_bodyAtLimit_passesAndAboveFails() throws IOException {
    byte[] ten = new byte[10];

    assertThat(new LimitedInputStream(new ByteArrayInputStream(ten), 10).readAllBytes())
        .hasSize(10);
    assertThatThrownBy(
            () -> new LimitedInputStream(new ByteArrayInputStream(ten), 9).readAllBytes())
        .isInstanceOf(BodyTooLargeException.class);
    assertThat(new LimitedInputStream(new ByteArrayInputStream(ten), 10).read()).isZero();
  }

  @Test
  void fixedLength_readsExactly() throws IOException {
    InputStream in = new FixedLengthInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 2);

    assertThat(in.read()).isEqualTo(1);
    assertThat(in.read(new byte[8], 0, 0)).isZero();
    assertThat(in.readAllBytes()).containsExactly(2);
    assertThat(in.read()).isEqualTo(-1);
  }

  private static InputStream chunked(String wire) {
    return new ChunkedInputStream(
        new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));
  }
}
