package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real registry server on loopback with a real HTTP client, and helpers that speak the
 * distribution protocol the way the conformance suite does.
 */
final class TestRegistry implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  final RegistryServer server;
  final MutableClock clock;
  final Path data;
  final HttpClient http;
  final URI base;
  private volatile @Nullable String credentials;

  private TestRegistry(RegistryServer server, MutableClock clock, Path data, HttpClient http) {
    this.server = server;
    this.clock = clock;
    this.data = data;
    this.http = http;
    this.base = server.baseUri();
  }

  static TestRegistry start(Path data) throws Exception {
    return start(data, AccessPolicy.OPEN);
  }

  static TestRegistry start(Path data, AccessPolicy access) throws Exception {
    return start(data, access, c -> c);
  }

  static TestRegistry start(Path data, AccessPolicy access, UnaryOperator<RegistryConfig> tune)
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RegistryConfig config =
        tune.apply(
            RegistryConfig.insecureLoopback(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock));
    RegistryServer server = RegistryServer.start(config, data, access);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new TestRegistry(server, clock, data, http);
  }

  /**
   * Starts a loopback registry with token authentication over {@code store}, with the test-only
   * {@link TestSecrets} verifier; the client logs in as the bootstrapped {@code admin}.
   */
  static TestRegistry startWithAuth(Path data, SecurityStore store, AuditLog audit)
      throws Exception {
    return startWithAuth(data, store, audit, AccessPolicy.OPEN);
  }

  static TestRegistry startWithAuth(
      Path data, SecurityStore store, AuditLog audit, AccessPolicy access) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RegistryConfig config =
        RegistryConfig.insecureLoopback(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock)
            .withAuth(RegistryConfig.Auth.ON);
    RegistryServer server =
        RegistryServer.start(
            config, data, access, new RegistryServer.Security(store, new TestSecrets(), audit));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    TestRegistry registry = new TestRegistry(server, clock, data, http);
    registry.login("admin", adminSecret(data));
    return registry;
  }

  static String adminSecret(Path data) throws IOException {
    return java.nio.file.Files.readString(data.resolve("admin.secret")).strip();
  }

  /**
   * Makes the client follow bearer challenges as docker does: on a 401, get a token for the
   * challenged scope from the realm with these credentials (null: anonymously), then retry once.
   */
  TestRegistry login(@Nullable String user, @Nullable String secret) {
    this.credentials = user == null ? null : user + ":" + secret;
    return this;
  }

  /** Stops following challenges: requests go out without tokens. */
  TestRegistry noLogin() {
    this.credentials = "";
    return this;
  }

  static TestRegistry wrap(RegistryServer server, MutableClock clock, Path data, HttpClient http) {
    return new TestRegistry(server, clock, data, http);
  }

  @Override
  public void close() {
    http.close(); // first, so the server's graceful stop does not wait for idle connections
    server.close();
  }

  HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    URI uri = path.startsWith("http") ? URI.create(path) : base.resolve(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return withToken(request);
  }

  private HttpResponse<byte[]> withToken(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> first =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    String login = credentials;
    Optional<String> challenge = first.headers().firstValue("WWW-Authenticate");
    if (first.statusCode() != 401
        || "".equals(login)
        || challenge.isEmpty()
        || !challenge.get().startsWith("Bearer ")) {
      return first;
    }
    String token = token(challenge.get(), login);
    return http.send(
        request.setHeader("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@return a token for what {@code challenge} asks, with Basic {@code login} if not null} */
  String token(String challenge, @Nullable String login) throws IOException, InterruptedException {
    java.util.Map<String, String> params = challengeParams(challenge);
    StringBuilder url =
        new StringBuilder(params.get("realm"))
            .append("?service=")
            .append(java.net.URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
    if (params.containsKey("scope")) {
      url.append("&scope=")
          .append(java.net.URLEncoder.encode(params.get("scope"), StandardCharsets.UTF_8));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30));
    if (login != null) {
      request.header("Authorization", basic(login));
    }
    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return json(r).get("token").textValue();
  }

  static String basic(String login) {
    return "Basic "
        + java.util.Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses {@code Bearer realm="...",service="...",scope="..."}. */
  static java.util.Map<String, String> challengeParams(String challenge) {
    java.util.Map<String, String> params = new java.util.HashMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return params;
  }

  HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    URI uri = base.resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return withToken(request);
  }

  HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
    return withToken(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<byte[]> delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, new byte[0]);
  }

  /** Starts an upload session and returns its Location. */
  String startUpload(String repo) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/", new byte[0]);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    return header(r, "Location");
  }

  /** Pushes a blob with POST then PUT and returns its digest. */
  Digest pushBlob(String repo, byte[] content) throws IOException, InterruptedException {
    Digest digest = sha256(content);
    String location = startUpload(repo);
    HttpResponse<byte[]> r =
        send(
            "PUT",
            withQuery(location, "digest=" + digest),
            content,
            "Content-Type",
            "application/octet-stream");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return digest;
  }

  /** Pushes an image manifest with a config and layers (each pushed first) under {@code ref}. */
  Pushed pushImage(String repo, String ref, byte[]... layers)
      throws IOException, InterruptedException {
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Digest configDigest = pushBlob(repo, config);
    StringBuilder layerJson = new StringBuilder();
    for (byte[] layer : layers) {
      Digest d = pushBlob(repo, layer);
      if (!layerJson.isEmpty()) {
        layerJson.append(',');
      }
      layerJson.append(descriptor("application/vnd.oci.image.layer.v1.tar", d, layer.length));
    }
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"config\":"
            + descriptor(OCI_CONFIG, configDigest, config.length)
            + ",\"layers\":["
            + layerJson
            + "]}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> r = pushManifest(repo, ref, OCI_MANIFEST, bytes);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return new Pushed(sha256(bytes), bytes, configDigest);
  }

  /** A pushed image: its manifest digest and bytes, and its config digest. */
  static final class Pushed {
    private final Digest digest;
    private final byte[] bytes;
    private final Digest config;

    Pushed(Digest digest, byte[] bytes, Digest config) {
      this.digest = digest;
      this.bytes = bytes.clone();
      this.config = config;
    }

    Digest digest() {
      return digest;
    }

    byte[] bytes() {
      return bytes.clone();
    }

    Digest config() {
      return config;
    }
  }

  HttpResponse<byte[]> pushManifest(String repo, String ref, String mediaType, byte[] bytes)
      throws IOException, InterruptedException {
    return send("PUT", "/v2/" + repo + "/manifests/" + ref, bytes, "Content-Type", mediaType);
  }

  static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }

  static String withQuery(String location, String query) {
    return location + (location.contains("?") ? "&" : "?") + query;
  }

  static String header(HttpResponse<?> r, String name) {
    Optional<String> value = r.headers().firstValue(name);
    assertThat(value).as("header " + name + " in " + r.headers().map()).isPresent();
    return value.orElseThrow();
  }

  static String text(HttpResponse<byte[]> r) {
    return r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** {@return the first error code of a spec error body} */
  static String errorCode(HttpResponse<byte[]> r) throws IOException {
    JsonNode errors = json(r).get("errors");
    assertThat(errors).as(text(r)).isNotNull();
    return errors.get(0).get("code").textValue();
  }

  static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::textValue)
        .toList();
  }

  static Digest sha256(byte[] content) {
    try {
      return new Digest(
          "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Fills each {@code %s} of {@code template} with the next argument. */
  static String fmt(String template, Object... args) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (Object arg : args) {
      int at = template.indexOf("%s", from);
      out.append(template, from, at).append(arg);
      from = at + 2;
    }
    return out.append(template.substring(from)).toString();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
