package dev.drydock.engine;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request without a body; the Engine calls made so far are all {@code GET}.
 *
 * @param method the request method
 * @param target the origin-form request target, e.g. {@code /v1.41/info}
 * @param host the {@code Host} header value
 */
record HttpRequest(String method, String target, String host) {
  HttpRequest {
    if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      throw new IllegalArgumentException("bad HTTP method: " + method);
    }
    if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new IllegalArgumentException("bad request target: " + target);
    }
  }

  /** {@return the request head, ready to write; we close the connection after each exchange} */
  byte[] encode() {
    String head =
        method
            + " "
            + target
            + " HTTP/1.1\r\n"
            + "Host: "
            + host
            + "\r\n"
            + "User-Agent: drydock-engine\r\n"
            + "Accept: application/json\r\n"
            + "Connection: close\r\n"
            + "\r\n";
    return head.getBytes(StandardCharsets.US_ASCII);
  }
}
