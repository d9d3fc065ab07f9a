package dev.drydock.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;

/** One request and its response: the small part of Jetty's core API the endpoints use. */
final class Exchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Fields query;
  private Principal principal = Principal.ANONYMOUS;
  private @Nullable TokenClaims claims;
  private @Nullable String tokenError;
  private @Nullable String certificateRefusal;
  private java.util.function.@Nullable IntConsumer beforeSend;
  private final Trail trail = new Trail();

  /**
   * What the audit event of this request says, filled in as the request is understood: the
   * operation, repository and reference from the route, the digest once resolved, the policy of a
   * refusal.
   */
  static final class Trail {
    AuditLog.@Nullable Operation operation;
    @Nullable String repository;
    @Nullable String reference;
    dev.drydock.model.@Nullable Digest digest;
    @Nullable String policy;
    boolean audited;
  }

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
  }

  /** {@return who made the request, once authenticated; anonymous until then} */
  Principal principal() {
    return principal;
  }

  /** Records who made the request. */
  void principal(Principal authenticated) {
    this.principal = authenticated;
  }

  /** {@return the verified bearer token of this request, or null} */
  @Nullable TokenClaims claims() {
    return claims;
  }

  /** Records the verified bearer token. */
  void claims(TokenClaims verified) {
    this.claims = verified;
  }

  /** {@return why the request's bearer token was refused, or null} */
  @Nullable String tokenError() {
    return tokenError;
  }

  /** Records why the request's bearer token was refused. */
  void tokenError(String reason) {
    this.tokenError = reason;
  }

  /** {@return why the client certificate did not name an account, or null} */
  @Nullable String certificateRefusal() {
    return certificateRefusal;
  }

  /** Records why the client certificate was not accepted as an identity. */
  void certificateRefusal(String reason) {
    this.certificateRefusal = reason;
  }

  /** {@return the audit facts gathered so far} */
  Trail trail() {
    return trail;
  }

  /**
   * {@return the client certificate presented in the TLS handshake, or null} The handshake already
   * verified its chain against the trusted CA.
   */
  @Nullable X509Certificate clientCertificate() {
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d
        && d.peerCertificates() != null
        && d.peerCertificates().length > 0) {
      return d.peerCertificates()[0];
    }
    return null;
  }

  /**
   * {@return {@code scheme://host:port} as the client addressed this server} The host comes from
   * the request's Host header, so it is used only when it is strictly a DNS name, an IPv4 address
   * or a bracketed IPv6 address; anything else (quotes, commas, spaces, user info) falls back to
   * the address the connection arrived on, so nothing from the header can reach {@code
   * WWW-Authenticate} beyond a plain host name. A configured external URL ({@code
   * RegistryConfig.Auth realm}) avoids the header altogether.
   */
  String origin() {
    String host = Request.getServerName(request);
    if (!validHost(host)) {
      host =
          request.getConnectionMetaData().getLocalSocketAddress() instanceof InetSocketAddress a
              ? a.getAddress() == null ? "localhost" : a.getAddress().getHostAddress()
              : "localhost";
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port = Request.getServerPort(request);
    return (request.isSecure() ? "https" : "http")
        + "://"
        + host
        + (port > 0 && port <= 65535 ? ":" + port : "");
  }

  /** {@return whether {@code host} is a DNS name, IPv4 address or bracketed IPv6 address} */
  static boolean validHost(@Nullable String host) {
    return host != null
        && host.length() <= 253
        && (host.matches(
                "[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\\.?")
            || host.matches("\\[[0-9A-Fa-f:.]{2,45}\\]"));
  }

  /**
   * Runs {@code hook} with the status just before the response is sent, so that whatever it records
   * (the audit event) exists before the client sees the answer.
   */
  void beforeSend(java.util.function.IntConsumer hook) {
    this.beforeSend = hook;
  }

  private void sending(int status) {
    java.util.function.IntConsumer hook = beforeSend;
    beforeSend = null;
    if (hook != null) {
      hook.accept(status);
    }
  }

  /** {@return the status set on the response so far} */
  int status() {
    return response.getStatus();
  }

  /** {@return a response header set so far, or null} */
  @Nullable String responseHeader(String name) {
    return response.getHeaders().get(name);
  }

  /**
   * {@return pooled direct buffers for streaming a blob}: 128 KiB reads instead of Jetty's 4 KiB
   * default, so that a 100 MB layer takes ~800 reads and writes rather than ~25,000.
   */
  ByteBufferPool.Sized buffers() {
    return new ByteBufferPool.Sized(
        request.getComponents().getByteBufferPool(), true, STREAM_BUFFER_BYTES);
  }

  static final int STREAM_BUFFER_BYTES = 128 * 1024;

  String method() {
    return request.getMethod();
  }

  boolean isHead() {
    return request.getMethod().equals("HEAD");
  }

  @Nullable String header(String name) {
    return request.getHeaders().get(name);
  }

  /** {@return the media type of the request body without parameters, or null} */
  @Nullable String contentType() {
    String value = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (value == null) {
      return null;
    }
    int semicolon = value.indexOf(';');
    String type = (semicolon >= 0 ? value.substring(0, semicolon) : value).strip();
    return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
  }

  /** {@return the declared body length, or -1 when unknown (chunked) } */
  long contentLength() {
    return request.getLength();
  }

  @Nullable String query(String name) {
    return query.getValue(name);
  }

  List<String> queryAll(String name) {
    return query.getValuesOrEmpty(name);
  }

  boolean hasQuery(String name) {
    return query.get(name) != null;
  }

  @Nullable InetSocketAddress remote() {
    return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a
        ? a
        : null;
  }

  InputStream body() {
    return Content.Source.asInputStream(request);
  }

  /**
   * Reads and discards a request body of at most {@code max} declared bytes before an early
   * refusal. Over HTTP/2 an answer sent while the client is still sending is followed by
   * RST_STREAM, and some clients (the JDK's) then report the reset instead of the 401 challenge
   * they need to retry with a token (RFC 9113 section 8.1 lets the server stop early, but clients
   * differ). Larger or chunked bodies are not read: the refusal must stay cheap.
   */
  void discardSmallBody(long max) {
    long length = contentLength();
    if (length <= 0 || length > max) {
      return;
    }
    try (InputStream in = body()) {
      in.skipNBytes(length);
    } catch (IOException | RuntimeException e) {
      // The client went away or sent less than declared: the refusal is sent (or fails) anyway.
    }
  }

  /** Reads the body, refusing more than {@code max} bytes. */
  byte[] readBody(int max) throws IOException {
    long declared = contentLength();
    if (declared > max) {
      throw tooLarge(max);
    }
    try (InputStream in = body()) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw tooLarge(max);
      }
      return bytes;
    }
  }

  private static DistributionException tooLarge(int max) {
    return new DistributionException(
        ErrorCode.SIZE_INVALID, 413, "the manifest is larger than " + max + " bytes", null);
  }

  void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  void addHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  /** Sends a response without a body. */
  void send(int status) {
    sending(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    response.write(true, null, callback);
  }

  /** Sends a body, or only its headers for HEAD. */
  void send(int status, String contentType, byte[] body) {
    sending(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, isHead() ? null : ByteBuffer.wrap(body), callback);
  }

  /** Sends {@code length} bytes from {@code source}. */
  void send(int status, String contentType, long length, Content.Source source) {
    sending(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    Content.copy(source, response, callback);
  }

  /** Answers a HEAD request: the headers a GET would carry, without the body. */
  void sendHeaders(int status, String contentType, long length) {
    sending(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    response.write(true, null, callback);
  }

  boolean isCommitted() {
    return response.isCommitted();
  }

  void fail(Throwable failure) {
    callback.failed(failure);
  }
}
