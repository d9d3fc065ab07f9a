package dev.drydock.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small S3 client over {@code java.net.http}: one place that owns signing, retries, timeouts and
 * the mapping of S3 errors to {@link RegistryException}s that name the bucket and key and say what
 * to do. The operations themselves live in {@link S3Operations}. Credentials never reach a message
 * or a log.
 *
 * <p>Payload hashes ({@code x-amz-content-sha256}): bodies held in memory are always signed with
 * their real SHA-256. Part files are signed with their real SHA-256 over plain HTTP, where nothing
 * else protects the bytes in transit; over TLS they are sent as {@code UNSIGNED-PAYLOAD}, because
 * TLS already guarantees integrity and hashing every part a second time (the blob digest is
 * computed anyway) costs a full pass over the data. The blob's own digest is verified before it
 * becomes visible whatever the mode.
 */
final class S3Client implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(S3Client.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  final S3Settings settings;
  private final S3Credentials credentials;
  private final S3Signer signer;
  private final Clock clock;
  private final HttpClient http;

  S3Client(S3Settings settings, S3Credentials credentials, Clock clock) {
    this.settings = settings;
    this.credentials = credentials;
    this.signer = new S3Signer(credentials, settings.region(), "s3");
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A request body: none, bytes in memory, or a whole local file. */
  sealed interface Body {
    /** No body. */
    record None() implements Body {}

    /** Bytes in memory (not a record: records should not hold arrays). */
    final class Bytes implements Body {
      final byte[] bytes;

      Bytes(byte[] bytes) {
        this.bytes = bytes;
      }
    }

    /** A local file, sent whole. */
    record File(Path path) implements Body {}
  }

  static final Body NONE = new Body.None();

  /** A response whose status the caller judges; the stream must be closed. */
  record Response(int status, HttpResponse<InputStream> raw) {
    @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    byte[] body() throws IOException {
      try (InputStream in = raw.body()) {
        return in.readNBytes(S3Xml.MAX_BYTES + 1);
      }
    }

    void discard() {
      try (InputStream in = raw.body()) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        // the connection is dropped instead of reused
      }
    }
  }

  /**
   * Sends a request, retrying broken connections and 5xx answers with exponential backoff up to
   * {@link S3Settings#maxAttempts()} tries. Statuses below 500 are returned for the caller to
   * judge.
   *
   * @param op what is being done, for messages ("read", "upload part 3 of")
   * @throws RegistryException when every try failed
   */
  Response send(
      String op,
      String method,
      String key,
      Map<String, String> query,
      Map<String, String> headers,
      Body body)
      throws RegistryException {
    String payloadHash = payloadHash(body, key);
    @Nullable IOException lastFailure = null;
    int lastStatus = 0;
    byte[] lastBody = new byte[0];
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        backoff(attempt);
      }
      HttpRequest request = build(method, key, query, headers, body, payloadHash);
      try {
        HttpResponse<InputStream> raw =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Response response = new Response(raw.statusCode(), raw);
        if (!retryable(raw.statusCode())) {
          return response;
        }
        lastStatus = raw.statusCode();
        lastBody = response.body();
        LOG.log(
            System.Logger.Level.DEBUG,
            "S3 {0} {1} answered {2}, try {3}",
            method,
            key,
            lastStatus,
            attempt);
      } catch (IOException e) {
        lastFailure = e;
        LOG.log(
            System.Logger.Level.DEBUG,
            "S3 {0} {1} failed ({2}), try {3}",
            method,
            key,
            e.toString(),
            attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("Interrupted while trying to " + op + " " + where(key), e);
      }
    }
    if (lastStatus != 0) {
      throw error(op, key, lastStatus, lastBody);
    }
    String message =
        "Cannot reach S3 at "
            + settings.endpoint()
            + " to "
            + op
            + " "
            + where(key)
            + " after "
            + settings.maxAttempts()
            + " tries: "
            + lastFailure
            + " (check the endpoint and the network)";
    throw lastFailure == null
        ? new RegistryException(message)
        : new RegistryException(message, lastFailure);
  }

  /** Sends and requires a 2xx answer; {@return the response, body unread} */
  Response expect(
      String op,
      String method,
      String key,
      Map<String, String> query,
      Map<String, String> headers,
      Body body)
      throws RegistryException {
    Response response = send(op, method, key, query, headers, body);
    if (response.status() / 100 != 2) {
      throw error(op, key, response.status(), read(response, op, key));
    }
    return response;
  }

  byte[] read(Response response, String op, String key) throws RegistryException {
    try {
      return response.body();
    } catch (IOException e) {
      throw new RegistryException(
          "S3 broke off its answer to " + op + " " + where(key) + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return the parsed XML body of a 2xx answer, mapping an embedded error (S3 sends some in
   * 200s)}
   */
  S3Xml.Element xml(Response response, String op, String key) throws RegistryException {
    byte[] body = read(response, op, key);
    S3Xml.Element root;
    try {
      root = S3Xml.parse(body);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "S3 at "
              + settings.endpoint()
              + " answered "
              + op
              + " "
              + where(key)
              + " with unreadable XML: "
              + e.getMessage()
              + " (is the endpoint an S3 server?)",
          e);
    }
    if (root.name().equals("Error")) {
      throw error(op, key, response.status(), body);
    }
    return root;
  }

  private HttpRequest build(
      String method,
      String key,
      Map<String, String> query,
      Map<String, String> headers,
      Body body,
      String payloadHash) {
    String path = settings.signedPath(key);
    String canonicalQuery = S3Signer.canonicalQuery(query);
    URI uri =
        URI.create(
            settings.endpoint().getScheme()
                + "://"
                + settings.host()
                + S3Signer.encodePath(path)
                + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
    Map<String, String> signed = new LinkedHashMap<>(headers);
    signed.put("host", settings.host());
    signed.put("x-amz-date", S3Signer.amzDate(clock.instant()));
    signed.put("x-amz-content-sha256", payloadHash);
    String authorization =
        signer.sign(new S3Signer.Request(method, path, query, signed, payloadHash)).authorization();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(settings.timeout()).method(method, publisher(body));
    signed.forEach(
        (name, value) -> {
          if (!name.equals("host")) {
            request.header(name, value);
          }
        });
    request.header("Authorization", authorization);
    return request.build();
  }

  /** 500, 502, 503 (SlowDown) and 504 are worth another try; 501 and 4xx are not. */
  private static boolean retryable(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
  }

  private static HttpRequest.BodyPublisher publisher(Body body) {
    return switch (body) {
      case Body.None _ -> HttpRequest.BodyPublishers.noBody();
      case Body.Bytes b -> HttpRequest.BodyPublishers.ofByteArray(b.bytes);
      case Body.File f -> {
        try {
          yield HttpRequest.BodyPublishers.ofFile(f.path());
        } catch (java.io.FileNotFoundException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
  }

  private String payloadHash(Body body, String key) throws RegistryException {
    return switch (body) {
      case Body.None _ -> S3Signer.EMPTY_SHA256;
      case Body.Bytes b -> S3Signer.sha256Hex(b.bytes);
      case Body.File f -> {
        if (settings.tls()) {
          yield S3Signer.UNSIGNED_PAYLOAD;
        }
        MessageDigest sha = Hashing.sha256();
        try (InputStream in = Files.newInputStream(f.path())) {
          byte[] buffer = new byte[64 * 1024];
          int n;
          while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
          }
        } catch (IOException e) {
          throw new RegistryException(
              "Cannot read the local part file " + f.path() + " for " + where(key), e);
        }
        yield S3Signer.hex(sha);
      }
    };
  }

  private void backoff(int attempt) throws RegistryException {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt - 2, 6);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("Interrupted while waiting to retry an S3 request", e);
    }
  }

  String where(String key) {
    return "s3://" + settings.bucket() + "/" + key;
  }

  /** Maps an S3 error answer to an exception that names the object and the remedy. */
  RegistryException error(String op, String key, int status, byte[] body) {
    String code = "";
    String message = "";
    try {
      S3Xml.Element root = S3Xml.parse(body);
      code = root.text("Code");
      message = root.text("Message");
    } catch (IllegalArgumentException e) {
      // HEAD answers and some proxies carry no XML; the status alone decides
    }
    String what = "S3 refused to " + op + " " + where(key) + " (HTTP " + status;
    what += code.isEmpty() ? ")" : ", " + code + (message.isEmpty() ? ")" : ": " + message + ")");
    String remedy =
        switch (code) {
          case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
              "the credentials are wrong: check the access key id "
                  + credentials.accessKeyId()
                  + " and its secret";
          case "AccessDenied" ->
              "access key "
                  + credentials.accessKeyId()
                  + " lacks the permission: grant it on bucket "
                  + settings.bucket();
          case "NoSuchBucket" ->
              "bucket "
                  + settings.bucket()
                  + " does not exist at "
                  + settings.endpoint()
                  + ": create it or fix the bucket name";
          case "RequestTimeTooSkewed" ->
              "this machine's clock differs too much from the S3 server's: synchronise it (NTP)";
          case "NoSuchUpload" -> "the multipart upload was aborted or expired: restart the upload";
          case "NotImplemented" ->
              "the S3 server at "
                  + settings.endpoint()
                  + " does not implement this request: use a fuller S3 implementation";
          case "EntityTooSmall" ->
              "a part was under S3's 5 MiB minimum: this is a bug in the part buffering";
          default ->
              status == 403
                  ? "check the credentials and the bucket policy"
                  : status >= 500
                      ? "the S3 server failed; retry later"
                      : "check the S3 settings (endpoint, region, bucket)";
        };
    return new RegistryException(what + ": " + remedy);
  }

  @Override
  public void close() {
    http.close();
  }
}
