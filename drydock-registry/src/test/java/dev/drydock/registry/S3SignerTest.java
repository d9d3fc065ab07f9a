package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SigV4 signer against AWS's published vectors: four cases of the SigV4 test suite (fixtures in
 * {@code src/test/resources/sigv4}, see its README) and the two worked examples of the S3 API
 * Reference. Signing against a real server is covered by {@code S3BlobStorageTest}.
 */
class S3SignerTest {
  private final ObjectMapper json = new ObjectMapper();

  private static String resource(String path) throws Exception {
    try (InputStream in =
        Objects.requireNonNull(S3SignerTest.class.getResourceAsStream("/sigv4/" + path), path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get-vanilla",
        "get-vanilla-query-order-key-case",
        "get-utf8",
        "post-x-www-form-urlencoded"
      })
  void matchesTheSigV4TestSuite(String name) throws Exception {
    JsonNode context = json.readTree(resource(name + "/context.json"));
    String[] request = resource(name + "/request.txt").split("\n\n", 2);
    String[] lines = request[0].split("\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    String target = requestLine[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&", -1)) {
        int eq = pair.indexOf('=');
        query.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1));
    }
    byte[] body = request.length > 1 ? request[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
    String payloadHash = S3Signer.sha256Hex(body);
    headers.put("X-Amz-Date", S3Signer.amzDate(Instant.parse(context.path("timestamp").asText())));
    if (context.path("sign_body").asBoolean()) {
      headers.put("X-Amz-Content-Sha256", payloadHash);
    }
    S3Signer signer =
        new S3Signer(
            new S3Credentials(
                context.path("credentials").path("access_key_id").asText(),
                context.path("credentials").path("secret_access_key").asText()),
            context.path("region").asText(),
            context.path("service").asText());

    S3Signer.Signed signed =
        signer.sign(new S3Signer.Request(requestLine[0], path, query, headers, payloadHash));

    assertThat(signed.canonicalRequest())
        .isEqualTo(resource(name + "/header-canonical-request.txt"));
    assertThat(signed.stringToSign()).isEqualTo(resource(name + "/header-string-to-sign.txt"));
    assertThat(signed.signature()).isEqualTo(resource(name + "/header-signature.txt").strip());
    assertThat(signed.authorization())
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request")
        .endsWith("Signature=" + signed.signature());
  }

  private static final S3Signer S3_EXAMPLE =
      new S3Signer(
          new S3Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
          "us-east-1",
          "s3");

  @Test
  void matchesTheS3GetObjectExample() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "examplebucket.s3.amazonaws.com");
    headers.put("Range", "bytes=0-9");
    headers.put("x-amz-content-sha256", S3Signer.EMPTY_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");
    S3Signer.Signed signed =
        S3_EXAMPLE.sign(
            new S3Signer.Request("GET", "/test.txt", Map.of(), headers, S3Signer.EMPTY_SHA256));
    assertThat(signed.signature())
        .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThat(signed.authorization())
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void matchesTheS3ListObjectsExample() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "examplebucket.s3.amazonaws.com");
    headers.put("x-amz-content-sha256", S3Signer.EMPTY_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");
    S3Signer.Signed signed =
        S3_EXAMPLE.sign(
            new S3Signer.Request(
                "GET",
                "/",
                Map.of("prefix", "J", "max-keys", "2"),
                headers,
                S3Signer.EMPTY_SHA256));
    assertThat(signed.canonicalRequest()).contains("\nmax-keys=2&prefix=J\n");
    assertThat(signed.signature())
        .isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void encodesLikeS3() {
    assertThat(S3Signer.encode("a b/ü~*")).isEqualTo("a%20b%2F%C3%BC~%2A");
    assertThat(S3Signer.encodePath("/bucket/reg/blobs/sha256/ab"))
        .isEqualTo("/bucket/reg/blobs/sha256/ab");
    assertThat(S3Signer.encodePath("")).isEqualTo("/");
    assertThat(S3Signer.canonicalQuery(Map.of("uploads", "", "b", "x y")))
        .isEqualTo("b=x%20y&uploads=");
  }

  @Test
  void aRequestWithoutADateCannotBeSigned() {
    assertThatThrownBy(
            () ->
                S3_EXAMPLE.sign(
                    new S3Signer.Request("GET", "/", Map.of(), Map.of("host", "h"), "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addressingStyles() {
    S3Settings path = S3Settings.of(URI.create("http://127.0.0.1:9000"), "us-east-1", "bkt", "p/q");
    assertThat(path.host()).isEqualTo("127.0.0.1:9000");
    assertThat(path.signedPath(path.key("blobs/x"))).isEqualTo("/bkt/p/q/blobs/x");
    assertThat(path.signedPath("")).isEqualTo("/bkt");
    S3Settings vhost =
        S3Settings.of(URI.create("https://s3.eu-west-1.amazonaws.com"), "eu-west-1", "bkt", "")
            .withPathStyle(false);
    assertThat(vhost.host()).isEqualTo("bkt.s3.eu-west-1.amazonaws.com");
    assertThat(vhost.signedPath(vhost.key("blobs/x"))).isEqualTo("/blobs/x");
    assertThat(vhost.signedPath("")).isEqualTo("/");
    assertThat(vhost.tls()).isTrue();
  }

  @Test
  void settingsRefuseWhatS3WouldRefuse() {
    URI ok = URI.create("http://h:1");
    assertThatThrownBy(() -> S3Settings.of(URI.create("ftp://h"), "us-east-1", "bkt", ""))
        .hasMessageContaining("http(s)://host");
    assertThatThrownBy(() -> S3Settings.of(URI.create("http://h/path"), "us-east-1", "bkt", ""))
        .hasMessageContaining("without path");
    assertThatThrownBy(() -> S3Settings.of(ok, "us-east-1", "Bad_Bucket", ""))
        .hasMessageContaining("bucket name");
    assertThatThrownBy(() -> S3Settings.of(ok, "us-east-1", "bkt", "../x y"))
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> S3Settings.of(ok, "US EAST", "bkt", ""))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> S3Settings.of(ok, "us-east-1", "bkt", "").withPartSize(1 << 20))
        .hasMessageContaining("5 MiB");
    assertThatThrownBy(
            () -> S3Settings.of(ok, "us-east-1", "bkt", "").withRetries(java.time.Duration.ZERO, 2))
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () ->
                S3Settings.of(ok, "us-east-1", "bkt", "")
                    .withRetries(java.time.Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                S3Settings.of(URI.create("https://h"), "us-east-1", "a.b.c", "")
                    .withPathStyle(false))
        .hasMessageContaining("path-style");
    assertThatThrownBy(() -> new S3Credentials("", "s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3Credentials("a/b", "s"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
