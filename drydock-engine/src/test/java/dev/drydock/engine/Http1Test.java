package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http1Test {
  private static final HttpRequest GET = new HttpRequest("GET", "/_ping", "localhost");

  @Test
  void exchange_writesRequestHead() throws IOException {
    FakeConnection connection = new FakeConnection("HTTP/1.1 204 No Content\r\n\r\n");

    try (ResponseStream response = Http1.exchange(connection, GET, 100)) {
      assertThat(response.status()).isEqualTo(204);
      assertThat(response.readFully().body()).isEmpty();
    }
    assertThat(connection.written())
        .isEqualTo(
            String.join(
                "\r\n",
                "GET /_ping HTTP/1.1",
                "Host: localhost",
                "User-Agent: drydock-engine",
                "Accept: application/json",
                "Connection: close",
                "",
                ""));
    assertThat(connection.closed).isTrue();
  }

  @Test
  void exchange_headResponse_hasNoBody() throws IOException {
    FakeConnection connection = new FakeConnection("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");

    try (ResponseStream response =
        Http1.exchange(connection, new HttpRequest("HEAD", "/_ping", "h"), 100)) {
      assertThat(response.body().read()).isEqualTo(-1);
      assertThat(response.headers().first("content-length")).contains("5");
    }
  }

  @Test
  void exchange_badHeaders_throwMalformed() {
    assertMalformed("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "bad header line");
    assertMalformed("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "bad header line");
    assertMalformed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length");
    assertMalformed(
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "bad Content-Length");
    assertMalformed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding");
    assertMalformed("HTTP/1.1 200 OK\r\n" + "A: b\r\n".repeat(101) + "\r\n", "header fields");
    assertMalformed("HTTP/1.1 200 OK\r\nX: " + "y".repeat(9000) + "\r\n\r\n", "longer than");
    assertMalformed("HTTP/2 200\r\n\r\n", "not an HTTP/1.1 status line");
  }

  @Test
  void exchange_chunkedWithContentLength_prefersChunked() throws IOException {
    FakeConnection connection =
        new FakeConnection(
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");

    try (ResponseStream response = Http1.exchange(connection, GET, 100)) {
      assertThat(response.readFully().bodyText()).isEqualTo("x");
    }
  }

  @Test
  void exchange_writeFailsButPeerAnswered_returnsAnswer() throws IOException {
    FakeConnection connection = new FakeConnection("HTTP/1.0 400 Bad Request\r\n\r\nHTTPS only");
    connection.failWrites = true;

    try (ResponseStream response = Http1.exchange(connection, GET, 100)) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.readFully().bodyText()).isEqualTo("HTTPS only");
    }
  }

  @Test
  void exchange_writeFailsAndNoAnswer_throwsReadFailureWithWriteFailureSuppressed() {
    FakeConnection connection = new FakeConnection("");
    connection.failWrites = true;

    assertThatThrownBy(() -> Http1.exchange(connection, GET, 100))
        .isInstanceOf(MalformedHttpException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }

  @Test
  void request_rejectsInjection() {
    assertThatThrownBy(() -> new HttpRequest("GET", "/x HTTP/1.1\r\nEvil: 1", "h"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpRequest("get", "/x", "h"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpRequest("GET", "x", "h"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headers_allReturnsEveryValue() {
    Headers headers = new Headers();
    headers.add("Warning", "a");
    headers.add("warning", "b");

    assertThat(headers.all("WARNING")).containsExactly("a", "b");
    assertThat(headers.all("missing")).isEmpty();
    assertThat(headers.size()).isEqualTo(1);
  }

  private static void assertMalformed(String response, String message) {
    assertThatThrownBy(() -> Http1.exchange(new FakeConnection(response), GET, 100))
        .as(message)
        .isInstanceOf(MalformedHttpException.class)
        .hasMessageContaining(message);
  }

  private static final class FakeConnection implements Connection {
    private final InputStream input;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    boolean closed;
    boolean failWrites;

    FakeConnection(String response) {
      this.input = new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    String written() {
      return output.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public InputStream input() {
      return input;
    }

    @Override
    public OutputStream output() {
      return failWrites ? new BrokenPipe() : output;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class BrokenPipe extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("Broken pipe");
    }
  }
}
