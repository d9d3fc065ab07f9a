package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one place that talks HTTP to a registry for {@link RegistryClient} and its remote actions:
 * authentication (anonymous, Basic, the Docker Bearer token flow with the scopes a call needs and
 * one retry), redirects (GET and HEAD only, followed without the Authorization header when they
 * leave the registry's host), timeouts and error mapping to {@link RegistryException}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token
 *     authentication</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/scope/">token scopes</a>
 */
final class RegistryTransport {
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final String registry;
  private final RegistryOptions options;
  private final HttpClient http;
  private final TokenFetcher tokens;

  /** Authorization header values by the scopes they were obtained for. */
  private final Map<String, String> authByScopes = new ConcurrentHashMap<>();

  /**
   * One request.
   *
   * @param method the HTTP method
   * @param uri the absolute URI (see {@link #uri(String)})
   * @param headers extra request headers (name, value pairs)
   * @param body makes the body anew for each attempt (it is sent again after a 401), or null
   * @param scopes the token scopes the request needs, e.g. {@code repository:a/b:pull,push}
   * @param what what is being done, for messages
   */
  record Call(
      String method,
      URI uri,
      List<String> headers,
      @Nullable Supplier<HttpRequest.BodyPublisher> body,
      List<String> scopes,
      String what) {
    Call {
      headers = List.copyOf(headers);
      scopes = List.copyOf(scopes);
    }

    static Call get(URI uri, String accept, List<String> scopes, String what) {
      return new Call("GET", uri, List.of("Accept", accept), null, scopes, what);
    }
  }

  RegistryTransport(String registry, RegistryOptions options) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.options = Objects.requireNonNull(options, "options");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (options.tls() != null) {
      builder.sslContext(options.tls());
    }
    this.http = builder.build();
    this.tokens = new TokenFetcher(http, options);
  }

  String registry() {
    return registry;
  }

  RegistryOptions options() {
    return options;
  }

  /** {@return {@code <scheme>://<registry>/v2/<path>}} */
  URI uri(String path) {
    return URI.create(base() + "/v2/" + path);
  }

  static String pull(String repository) {
    return "repository:" + repository + ":pull";
  }

  static String push(String repository) {
    return "repository:" + repository + ":pull,push";
  }

  /**
   * Sends a call and returns the response when {@code accepted} holds for its status; other
   * statuses become a {@link RegistryException} with the registry's error code.
   */
  HttpResponse<InputStream> send(Call call, IntPredicate accepted) throws OciException {
    URI uri = call.uri();
    boolean retried = false;
    String key = String.join(" ", call.scopes());
    boolean followRedirects = call.method().equals("GET") || call.method().equals("HEAD");
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      boolean sameHost = sameOrigin(uri, URI.create(base()));
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout());
      for (int i = 0; i + 1 < call.headers().size(); i += 2) {
        request.header(call.headers().get(i), call.headers().get(i + 1));
      }
      request.method(
          call.method(),
          call.body() != null ? call.body().get() : HttpRequest.BodyPublishers.noBody());
      String auth = authByScopes.get(key);
      if (auth != null && sameHost) {
        request.header("Authorization", auth);
      }
      HttpResponse<InputStream> response = exchange(request.build(), call.what());
      int status = response.statusCode();
      if (status == 401 && sameHost && !retried) {
        drain(response);
        retried = true;
        authByScopes.put(key, authorize(response, call.scopes(), call.what()));
        hop--;
        continue;
      }
      if (accepted.test(status)) {
        return response;
      }
      if (followRedirects && status >= 300 && status < 400 && status != 304) {
        drain(response);
        String location =
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(
                    () ->
                        new RegistryException(
                            call.what() + ": redirect without Location", status, null));
        uri = follow(uri, location, call.what() + ": redirect", status);
        continue;
      }
      throw error(response, call.what());
    }
    throw new RegistryException(
        call.what() + ": more than " + MAX_REDIRECTS + " redirects", 0, null);
  }

  /**
   * {@return whether {@code a} and {@code b} have the same scheme and authority} Credentials go
   * only to the registry's own origin: the same host over another scheme is another origin (RFC
   * 6454), and over {@code http} it would see the Authorization header in cleartext.
   */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getRawAuthority() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getRawAuthority().equalsIgnoreCase(String.valueOf(b.getRawAuthority()));
  }

  /**
   * Resolves a redirect or page link against {@code from} and {@return the next URI} Refuses a
   * target that is not hierarchical http(s) (e.g. {@code mailto:x}) and any step from https down to
   * http, which would expose the request (and its answers) to the network.
   *
   * @param what names the step, for messages
   * @param status the HTTP status carrying the link, for the exception
   */
  static URI follow(URI from, String target, String what, int status) throws RegistryException {
    URI next;
    try {
      next = from.resolve(target);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(what + " to a malformed URL: " + target, status, null);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (next.getRawAuthority() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new RegistryException(
          what + " to " + target + " is not an http(s) URL; refusing to follow it", status, null);
    }
    if (scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme())) {
      throw new RegistryException(
          what
              + " from "
              + from.getScheme()
              + "://"
              + from.getRawAuthority()
              + " to plain-HTTP "
              + target
              + " is refused: it would leave TLS; fix the registry's redirect",
          status,
          null);
    }
    return next;
  }

  /** Sends and expects a 2xx answer. */
  HttpResponse<InputStream> send(Call call) throws OciException {
    return send(call, status -> status / 100 == 2);
  }

  private String authorize(HttpResponse<InputStream> response, List<String> scopes, String what)
      throws OciException {
    String header =
        response
            .headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow(
                () ->
                    new RegistryAuthException(
                        what + ": the registry answered 401 without a WWW-Authenticate challenge",
                        401,
                        null));
    Challenge challenge = Challenge.parse(header);
    if (challenge.scheme().equals("bearer")) {
      // The challenge names the scope of this request; a mount also needs pull on the source.
      Set<String> wanted = new LinkedHashSet<>();
      String offered = challenge.param("scope");
      if (offered != null) {
        offered
            .lines()
            .flatMap(l -> java.util.Arrays.stream(l.split(" ", -1)))
            .filter(s -> !s.isBlank())
            .forEach(wanted::add);
      }
      wanted.addAll(scopes);
      return "Bearer " + tokens.fetch(challenge, List.copyOf(wanted), what);
    }
    if (!challenge.scheme().equals("basic")) {
      throw new RegistryAuthException(
          what + ": unsupported authentication scheme '" + challenge.scheme() + "'", 401, null);
    }
    String basic = options.credentials().basicHeader();
    if (basic == null) {
      throw new RegistryAuthException(
          what
              + ": "
              + registry
              + " requires a user name and password; log in or pass"
              + " credentials",
          401,
          "UNAUTHORIZED");
    }
    return basic;
  }

  private HttpResponse<InputStream> exchange(HttpRequest request, String what) throws OciException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      // A body that failed its digest check aborts the request; report the mismatch itself.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof OciIOException carried) {
          throw carried.oci();
        }
      }
      throw new RegistryException(
          "Cannot reach "
              + registry
              + " for the "
              + what
              + ": "
              + e.getMessage()
              + " (check the address, TLS trust and that it is running)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("Interrupted during the " + what, e);
    }
  }

  static RegistryException error(HttpResponse<InputStream> response, String what) {
    int status = response.statusCode();
    String code = null;
    String message = "";
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(MAX_ERROR_BODY);
      JsonNode errors = Codecs.parseObject(body, "registry error").get("errors");
      if (errors != null && errors.isArray() && !errors.isEmpty()) {
        JsonNode first = errors.get(0);
        code = first.path("code").asText(null);
        message = first.path("message").asText("");
      }
    } catch (IOException | MalformedContentException ignored) {
      // Not every error body is the spec's JSON; the status says enough.
    }
    String text =
        what
            + " failed: HTTP "
            + status
            + (code != null ? " " + code : "")
            + (message.isEmpty() ? "" : " (" + message + ")");
    if (status == 401 || status == 403) {
      return new RegistryAuthException(
          text + "; check the credentials and their access", status, code);
    }
    return new RegistryException(text, status, code);
  }

  private String base() {
    return (options.plainHttp() ? "http://" : "https://") + registry;
  }

  static void drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.skip(MAX_ERROR_BODY);
    } catch (IOException ignored) {
      // The connection is discarded anyway.
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@return {@code application/x-www-form-urlencoded} of name, value pairs (names may repeat)} */
  static String form(List<String> pairs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(encode(pairs.get(i))).append('=').append(encode(pairs.get(i + 1)));
    }
    return sb.toString();
  }

  /** {@return the URI with one more query parameter} */
  static URI withQuery(URI uri, String name, String value) {
    String text = uri.toString();
    return URI.create(
        text + (uri.getRawQuery() == null ? "?" : "&") + encode(name) + "=" + encode(value));
  }
}
