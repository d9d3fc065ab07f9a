package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite's "pull" group against a real server on loopback. */
class PullTest {
  @TempDir Path data;
  TestRegistry registry;

  @BeforeEach
  void start() throws Exception {
    registry = TestRegistry.start(data);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void versionCheckAnswersWithTheApiVersionHeader() throws Exception {
    HttpResponse<byte[]> r = registry.get("/v2/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
  }

  @Test
  void manifestByTagAndByDigestIsTheExactPushedBytes() throws Exception {
    var pushed = registry.pushImage("library/app", "v1", bytes("layer one"));
    for (String ref : new String[] {"v1", pushed.digest().toString()}) {
      HttpResponse<byte[]> r = registry.get("/v2/library/app/manifests/" + ref);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(pushed.bytes());
      assertThat(header(r, "Content-Type")).isEqualTo(TestRegistry.OCI_MANIFEST);
      assertThat(header(r, "Docker-Content-Digest")).isEqualTo(pushed.digest().toString());
    }
  }

  @Test
  void headReportsDigestAndLengthWithoutBody() throws Exception {
    var pushed = registry.pushImage("app", "v1", bytes("some layer bytes"));
    HttpResponse<byte[]> m = registry.head("/v2/app/manifests/v1");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).isEmpty();
    assertThat(header(m, "Content-Length")).isEqualTo(Integer.toString(pushed.bytes().length));
    assertThat(header(m, "Docker-Content-Digest")).isEqualTo(pushed.digest().toString());
    HttpResponse<byte[]> b =
        registry.head("/v2/app/blobs/" + TestRegistry.sha256(bytes("some layer bytes")));
    assertThat(b.statusCode()).isEqualTo(200);
    assertThat(header(b, "Content-Length")).isEqualTo("16");
  }

  @Test
  void blobGetServesContentAndItsDigest() throws Exception {
    byte[] content = new byte[300_000];
    new java.util.Random(7).nextBytes(content);
    Digest digest = registry.pushBlob("app", content);
    HttpResponse<byte[]> r = registry.get("/v2/app/blobs/" + digest);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(content);
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
  }

  @Test
  void rangeRequestsReturnPartialContent() throws Exception {
    Digest digest = registry.pushBlob("app", bytes("0123456789"));
    HttpResponse<byte[]> r = registry.get("/v2/app/blobs/" + digest, "Range", "bytes=2-5");
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("2345");
    assertThat(header(r, "Content-Range")).isEqualTo("bytes 2-5/10");
    HttpResponse<byte[]> suffix = registry.get("/v2/app/blobs/" + digest, "Range", "bytes=-3");
    assertThat(new String(suffix.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("789");
    HttpResponse<byte[]> open = registry.get("/v2/app/blobs/" + digest, "Range", "bytes=7-");
    assertThat(new String(open.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("789");
    HttpResponse<byte[]> outside = registry.get("/v2/app/blobs/" + digest, "Range", "bytes=10-12");
    assertThat(outside.statusCode()).isEqualTo(416);
    assertThat(header(outside, "Content-Range")).isEqualTo("bytes */10");
  }

  @Test
  void unknownContentIs404WithTheSpecErrorCodes() throws Exception {
    registry.pushImage("app", "v1", bytes("x"));
    Digest absent = TestRegistry.sha256(bytes("absent"));
    HttpResponse<byte[]> blob = registry.get("/v2/app/blobs/" + absent);
    assertThat(blob.statusCode()).isEqualTo(404);
    assertThat(errorCode(blob)).isEqualTo("BLOB_UNKNOWN");
    HttpResponse<byte[]> manifest = registry.get("/v2/app/manifests/nope");
    assertThat(manifest.statusCode()).isEqualTo(404);
    assertThat(errorCode(manifest)).isEqualTo("MANIFEST_UNKNOWN");
    HttpResponse<byte[]> repo = registry.get("/v2/other/manifests/v1");
    assertThat(repo.statusCode()).isEqualTo(404);
    assertThat(errorCode(repo)).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  void errorBodyIsTheSpecJsonByteForByte() throws Exception {
    Digest absent = TestRegistry.sha256(bytes("absent"));
    HttpResponse<byte[]> r = registry.get("/v2/app/blobs/" + absent);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json");
    assertThat(TestRegistry.text(r))
        .isEqualTo(
            "404 {\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob "
                + absent
                + " is not in repository app\"}]}");
  }

  @Test
  void blobsAreVisibleOnlyInRepositoriesThatHoldThem() throws Exception {
    Digest digest = registry.pushBlob("one", bytes("private layer"));
    assertThat(registry.get("/v2/one/blobs/" + digest).statusCode()).isEqualTo(200);
    assertThat(registry.get("/v2/two/blobs/" + digest).statusCode()).isEqualTo(404);
  }

  @Test
  void malformedNamesAndDigestsAre400() throws Exception {
    HttpResponse<byte[]> name = registry.get("/v2/Upper/manifests/v1");
    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(errorCode(name)).isEqualTo("NAME_INVALID");
    HttpResponse<byte[]> digest = registry.get("/v2/app/blobs/sha256:xyz");
    assertThat(digest.statusCode()).isEqualTo(400);
    assertThat(errorCode(digest)).isEqualTo("DIGEST_INVALID");
    HttpResponse<byte[]> md5 = registry.get("/v2/app/blobs/md5:d41d8cd98f00b204e9800998ecf8427e");
    assertThat(md5.statusCode()).isEqualTo(400);
    HttpResponse<byte[]> tag = registry.get("/v2/app/manifests/-bad");
    assertThat(tag.statusCode()).isEqualTo(400);
  }

  @Test
  void unknownEndpointsAndMethodsAreRefused() throws Exception {
    assertThat(registry.get("/v1/_ping").statusCode()).isEqualTo(404);
    assertThat(registry.send("POST", "/v2/app/manifests/v1", new byte[0]).statusCode())
        .isEqualTo(405);
  }
}
