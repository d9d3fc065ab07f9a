package dev.drydock.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response whose head has been read and whose body is still on the wire. Streaming endpoints
 * (events, logs) read {@link #body()} incrementally; everything else calls {@link #readFully()}.
 * Closing it closes the connection.
 */
final class ResponseStream implements Closeable {
  private final int status;
  private final Headers headers;
  private final InputStream body;
  private final Closeable connection;

  ResponseStream(int status, Headers headers, InputStream body, Closeable connection) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.connection = connection;
  }

  int status() {
    return status;
  }

  Headers headers() {
    return headers;
  }

  /** {@return the decoded body (de-chunked and size-limited)} */
  InputStream body() {
    return body;
  }

  /** {@return the whole response, reading the body to its end} */
  Response readFully() throws IOException {
    return new Response(status, headers, body.readAllBytes());
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
