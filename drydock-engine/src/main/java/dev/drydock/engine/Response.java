package dev.drydock.engine;

import java.nio.charset.StandardCharsets;

/** A complete, buffered HTTP response. */
final class Response {
  private final int status;
  private final Headers headers;
  private final byte[] body;

  Response(int status, Headers headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  int status() {
    return status;
  }

  Headers headers() {
    return headers;
  }

  /** {@return the body bytes; callers must not modify them} */
  byte[] body() {
    return body;
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
