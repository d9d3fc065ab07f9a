package dev.drydock.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Pulls manifests and blobs over the OCI distribution API from one registry. This class owns
 * authentication (anonymous, Basic, and the Docker Bearer token flow with one retry), redirects
 * (followed without the Authorization header when they leave the registry's host) and error mapping
 * to {@link RegistryException} with the registry's error code.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pull">OCI
 *     distribution: pull</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token
 *     authentication</a>
 */
public final class RegistryClient {
  private static final int MAX_REDIRECTS = 5;
  private static final String ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST_LIST,
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_MANIFEST);

  private final String registry;
  private final RegistryOptions options;
  private final HttpClient http;
  private final TokenFetcher tokens;
  private final Map<String, String> authByRepository = new ConcurrentHashMap<>();

  /** A manifest or index as the registry served it: media type, exact bytes and their digest. */
  public static final class Manifest {
    private final String mediaType;
    private final byte[] bytes;
    private final Digest digest;

    Manifest(String mediaType, byte[] bytes, Digest digest) {
      this.mediaType = mediaType;
      this.bytes = bytes.clone();
      this.digest = digest;
    }

    /** {@return the media type (Content-Type, or the document's own)} */
    public String mediaType() {
      return mediaType;
    }

    /** {@return a copy of the exact bytes served} */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** {@return the sha256 digest of the bytes} */
    public Digest digest() {
      return digest;
    }
  }

  /**
   * @param registry the registry host[:port] as in an image reference
   * @param options credentials, TLS and timeouts
   */
  public RegistryClient(String registry, RegistryOptions options) {
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

  /**
   * {@return a TLS context that trusts the CA certificates of a PEM file (e.g. a registry's {@code
   * ca.crt})}
   */
  public static SSLContext trusting(Path caPem) throws OciException {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new OciException(caPem + " holds no certificate; give the registry's CA in PEM");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new OciException("Cannot load the CA file " + caPem + ": " + e, e);
    }
  }

  /**
   * Fetches a manifest or index by tag or digest, asking for all four manifest media types. When
   * the reference has a digest, the bytes must hash to it; a {@code Docker-Content-Digest} header
   * must match too.
   */
  public Manifest manifest(ImageRef ref) throws OciException {
    checkRegistry(ref);
    String what = "manifest " + ref;
    HttpResponse<InputStream> response =
        send(ref.repository(), "/manifests/" + ref.reference(), ACCEPT, what);
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(Codecs.MAX_DOCUMENT_BYTES + 1);
    } catch (IOException e) {
      throw new RegistryException("Reading the " + what + " failed: " + e, e);
    }
    if (bytes.length > Codecs.MAX_DOCUMENT_BYTES) {
      throw new MalformedContentException(
          what + " is larger than " + Codecs.MAX_DOCUMENT_BYTES + " bytes");
    }
    Digest actual = Images.sha256(bytes);
    if (ref.digest() != null && !ref.digest().equals(actual)) {
      throw new DigestMismatchException(what, ref.digest(), actual);
    }
    Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent()
        && header.get().startsWith("sha256:")
        && !header.get().equals(actual.toString())) {
      throw new DigestMismatchException(
          what + " (Docker-Content-Digest header)", Codecs.digestOf(header.get(), what), actual);
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    int semi = contentType.indexOf(';');
    String type = (semi >= 0 ? contentType.substring(0, semi) : contentType).strip();
    if (!MediaTypes.MANIFESTS.contains(type)) {
      JsonNode root = Codecs.parseObject(bytes, what);
      String own = Codecs.optText(root, "mediaType", what);
      type =
          own != null
              ? own
              : root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    return new Manifest(type, bytes, actual);
  }

  /** Opens a blob's raw bytes (following redirects); callers verify it, as {@link Image} does. */
  public InputStream blob(ImageRef repository, Digest digest) throws OciException {
    checkRegistry(repository);
    return send(
            repository.repository(),
            "/blobs/" + digest,
            "*/*",
            "blob " + digest + " of " + repository.name())
        .body();
  }

  private void checkRegistry(ImageRef ref) {
    if (!ref.registry().equals(registry)) {
      throw new IllegalArgumentException(
          "this client talks to " + registry + ", not to " + ref.registry());
    }
  }

  private HttpResponse<InputStream> send(String repository, String path, String accept, String what)
      throws OciException {
    URI uri = URI.create(base() + "/v2/" + repository + path);
    boolean retried = false;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      boolean sameHost = Objects.equals(uri.getAuthority(), URI.create(base()).getAuthority());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(options.timeout()).header("Accept", accept).GET();
      String auth = authByRepository.get(repository);
      if (auth != null && sameHost) {
        request.header("Authorization", auth);
      }
      HttpResponse<InputStream> response = exchange(request.build(), what);
      int status = response.statusCode();
      if (status == 401 && sameHost && !retried) {
        drain(response);
        retried = true;
        authByRepository.put(repository, authorize(response, repository, what));
        hop--;
        continue;
      }
      if (status >= 300 && status < 400 && status != 304) {
        drain(response);
        String location =
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(
                    () ->
                        new RegistryException(what + ": redirect without Location", status, null));
        uri = uri.resolve(location);
        continue;
      }
      if (status / 100 != 2) {
        throw error(response, what);
      }
      return response;
    }
    throw new RegistryException(what + ": more than " + MAX_REDIRECTS + " redirects", 0, null);
  }

  private String authorize(HttpResponse<InputStream> response, String repository, String what)
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
      String scope = challenge.param("scope");
      return "Bearer "
          + tokens.fetch(
              challenge, scope != null ? scope : "repository:" + repository + ":pull", what);
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
      throw new RegistryException("Interrupted while fetching the " + what, e);
    }
  }

  static RegistryException error(HttpResponse<InputStream> response, String what) {
    int status = response.statusCode();
    String code = null;
    String message = "";
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(64 * 1024);
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

  private static void drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.skip(64 * 1024);
    } catch (IOException ignored) {
      // The connection is discarded anyway.
    }
  }

  static String form(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
