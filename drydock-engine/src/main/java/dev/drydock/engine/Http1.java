package dev.drydock.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP/1.1 client exchange: write one request, read the response head, and frame the body
 * by chunked coding, {@code Content-Length} or connection close.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112">RFC 9112 (HTTP/1.1)</a>
 */
final class Http1 {
  static final int MAX_LINE_BYTES = 8 * 1024;
  static final int MAX_HEADER_FIELDS = 100;

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");
  private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private Http1() {}

  /**
   * Sends {@code request} on {@code connection} and reads the response head.
   *
   * @param maxBodyBytes the largest body the returned stream will deliver
   * @return the response; closing it closes {@code connection}
   */
  static ResponseStream exchange(Connection connection, HttpRequest request, long maxBodyBytes)
      throws IOException {
    InputStream in = new BufferedInputStream(connection.input(), 8192);
    int status = sendAndReadStatus(connection, request, in);
    Headers headers = readHeaders(in);
    InputStream body =
        new LimitedInputStream(framedBody(in, request, status, headers), maxBodyBytes);
    if (contentLength(headers) > maxBodyBytes) {
      throw new BodyTooLargeException(maxBodyBytes);
    }
    return new ResponseStream(status, headers, body, connection);
  }

  private static int sendAndReadStatus(Connection connection, HttpRequest request, InputStream in)
      throws IOException {
    try {
      OutputStream out = connection.output();
      out.write(request.encode());
      out.flush();
    } catch (IOException writeFailure) {
      // A peer that rejects us (a TLS 1.3 server refusing our client certificate, a daemon
      // answering 400 and closing) may have said why before our write failed: read it.
      try {
        return readStatus(in);
      } catch (IOException why) {
        why.addSuppressed(writeFailure);
        throw why;
      }
    }
    return readStatus(in);
  }

  private static int readStatus(InputStream in) throws IOException {
    String line = HttpLines.readLine(in, MAX_LINE_BYTES);
    Matcher m = STATUS_LINE.matcher(line);
    if (!m.matches()) {
      throw new MalformedHttpException("not an HTTP/1.1 status line: '" + abbreviate(line) + "'");
    }
    return Integer.parseInt(m.group(1));
  }

  private static Headers readHeaders(InputStream in) throws IOException {
    Headers headers = new Headers();
    for (int i = 0; i <= MAX_HEADER_FIELDS; i++) {
      String line = HttpLines.readLine(in, MAX_LINE_BYTES);
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
        throw new MalformedHttpException("bad header line: '" + abbreviate(line) + "'");
      }
      headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    throw new MalformedHttpException("more than " + MAX_HEADER_FIELDS + " header fields");
  }

  private static InputStream framedBody(
      InputStream in, HttpRequest request, int status, Headers headers) throws IOException {
    if (request.method().equals("HEAD") || status < 200 || status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    List<String> codings = headers.all("Transfer-Encoding");
    if (!codings.isEmpty()) {
      String last = codings.getLast().toLowerCase(Locale.ROOT);
      if (!last.equals("chunked") && !last.endsWith(",chunked") && !last.endsWith(" chunked")) {
        throw new MalformedHttpException("unsupported Transfer-Encoding: " + codings);
      }
      return new ChunkedInputStream(in);
    }
    long length = contentLength(headers);
    return length >= 0 ? new FixedLengthInputStream(in, length) : in;
  }

  /** {@return the Content-Length, or -1 when absent} */
  private static long contentLength(Headers headers) throws MalformedHttpException {
    List<String> values = headers.all("Content-Length");
    if (values.isEmpty() || !headers.all("Transfer-Encoding").isEmpty()) {
      return -1;
    }
    String value = values.getFirst();
    boolean digits =
        !value.isEmpty()
            && value.length() <= 18
            && value.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || values.stream().anyMatch(v -> !v.equals(value))) {
      throw new MalformedHttpException("bad Content-Length: " + values);
    }
    return Long.parseLong(value);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
