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
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    URI uri = base.resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
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
