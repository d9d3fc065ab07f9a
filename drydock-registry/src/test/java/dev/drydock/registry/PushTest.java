package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.header;
import static dev.drydock.registry.TestRegistry.text;
import static dev.drydock.registry.TestRegistry.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite's "push" group against a real server on loopback. */
class PushTest {
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
  void postThenPutStoresTheBlob() throws Exception {
    String location = registry.startUpload("app");
    assertThat(location).startsWith("/v2/app/blobs/uploads/");
    byte[] content = bytes("monolithic");
    Digest digest = TestRegistry.sha256(content);
    HttpResponse<byte[]> put =
        registry.send("PUT", withQuery(location, "digest=" + digest), content);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(header(put, "Location")).isEqualTo("/v2/app/blobs/" + digest);
    assertThat(header(put, "Docker-Content-Digest")).isEqualTo(digest.toString());
    assertThat(registry.get("/v2/app/blobs/" + digest).body()).isEqualTo(content);
  }

  @Test
  void singlePostStoresTheBlob() throws Exception {
    byte[] content = bytes("single post");
    Digest digest = TestRegistry.sha256(content);
    HttpResponse<byte[]> r =
        registry.send("POST", "/v2/app/blobs/uploads/?digest=" + digest, content);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(registry.get("/v2/app/blobs/" + digest).body()).isEqualTo(content);
  }

  @Test
  void chunkedUploadInOrderThenOutOfOrderIs416() throws Exception {
    byte[] content = bytes("abcdefghij");
    Digest digest = TestRegistry.sha256(content);
    String location = registry.startUpload("app");
    HttpResponse<byte[]> first =
        registry.send("PATCH", location, Arrays.copyOfRange(content, 0, 4), "Content-Range", "0-3");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(header(first, "Range")).isEqualTo("0-3");
    location = header(first, "Location");
    HttpResponse<byte[]> skipped =
        registry.send("PATCH", location, Arrays.copyOfRange(content, 6, 8), "Content-Range", "6-7");
    assertThat(skipped.statusCode()).isEqualTo(416);
    HttpResponse<byte[]> status = registry.get(location);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(header(status, "Range")).isEqualTo("0-3");
    HttpResponse<byte[]> second =
        registry.send("PATCH", location, Arrays.copyOfRange(content, 4, 8), "Content-Range", "4-7");
    assertThat(second.statusCode()).isEqualTo(202);
    HttpResponse<byte[]> last =
        registry.send(
            "PUT",
            withQuery(header(second, "Location"), "digest=" + digest),
            Arrays.copyOfRange(content, 8, 10),
            "Content-Range",
            "8-9");
    assertThat(last.statusCode()).as(text(last)).isEqualTo(201);
    assertThat(registry.get("/v2/app/blobs/" + digest).body()).isEqualTo(content);
  }

  @Test
  void outOfOrderFinalChunkIs416() throws Exception {
    String location = registry.startUpload("app");
    registry.send("PATCH", location, bytes("abcd"), "Content-Range", "0-3");
    HttpResponse<byte[]> r =
        registry.send(
            "PUT",
            withQuery(location, "digest=" + TestRegistry.sha256(bytes("abcdxy"))),
            bytes("xy"),
            "Content-Range",
            "5-6");
    assertThat(r.statusCode()).isEqualTo(416);
  }

  @Test
  void streamedPatchWithoutRangeAppends() throws Exception {
    byte[] content = new byte[1 << 20];
    new java.util.Random(1).nextBytes(content);
    Digest digest = TestRegistry.sha256(content);
    String location = registry.startUpload("app");
    HttpResponse<byte[]> patch = registry.send("PATCH", location, content);
    assertThat(patch.statusCode()).isEqualTo(202);
    assertThat(header(patch, "Range")).isEqualTo("0-" + (content.length - 1));
    HttpResponse<byte[]> put =
        registry.send("PUT", withQuery(header(patch, "Location"), "digest=" + digest), new byte[0]);
    assertThat(put.statusCode()).isEqualTo(201);
  }

  @Test
  void wrongDigestIsRefusedAndNothingIsServed() throws Exception {
    String location = registry.startUpload("app");
    Digest claimed = TestRegistry.sha256(bytes("what the client claims"));
    HttpResponse<byte[]> r =
        registry.send("PUT", withQuery(location, "digest=" + claimed), bytes("other bytes"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
    assertThat(registry.get("/v2/app/blobs/" + claimed).statusCode()).isEqualTo(404);
    assertThat(
            registry.get("/v2/app/blobs/" + TestRegistry.sha256(bytes("other bytes"))).statusCode())
        .isEqualTo(404);
    assertThat(registry.get(location).statusCode()).isEqualTo(404);
  }

  @Test
  void putWithoutDigestIsRefused() throws Exception {
    String location = registry.startUpload("app");
    HttpResponse<byte[]> r = registry.send("PUT", location, bytes("x"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
  }

  @Test
  void cancelledUploadIsGone() throws Exception {
    String location = registry.startUpload("app");
    assertThat(registry.delete(location).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> r = registry.get(location);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    assertThat(registry.delete(location).statusCode()).isEqualTo(404);
  }

  @Test
  void uploadSessionsBelongToTheirRepository() throws Exception {
    String location = registry.startUpload("one");
    String elsewhere = location.replace("/v2/one/", "/v2/two/");
    assertThat(registry.get(elsewhere).statusCode()).isEqualTo(404);
  }

  @Test
  void uploadSessionsExpire() throws Exception {
    String location = registry.startUpload("app");
    registry.clock.advance(RegistryConfig.DEFAULT_UPLOAD_TTL.plus(Duration.ofSeconds(1)));
    HttpResponse<byte[]> r = registry.get(location);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    try (var uploads = Files.list(data.resolve("uploads"))) {
      assertThat(uploads).isEmpty();
    }
  }

  @Test
  void mountFromAnotherRepository() throws Exception {
    Digest digest = registry.pushBlob("source", bytes("shared layer"));
    HttpResponse<byte[]> r =
        registry.send(
            "POST", "/v2/target/blobs/uploads/?mount=" + digest + "&from=source", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(header(r, "Location")).isEqualTo("/v2/target/blobs/" + digest);
    assertThat(registry.get("/v2/target/blobs/" + digest).statusCode()).isEqualTo(200);
  }

  @Test
  void mountWithoutFromStartsAnUploadInsteadOfLinking() throws Exception {
    Digest digest = registry.pushBlob("source", bytes("another shared layer"));
    HttpResponse<byte[]> r =
        registry.send("POST", "/v2/target/blobs/uploads/?mount=" + digest, new byte[0]);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(header(r, "Location")).startsWith("/v2/target/blobs/uploads/");
    assertThat(registry.get("/v2/target/blobs/" + digest).statusCode()).isEqualTo(404);
    // the session it opened works like any other
    HttpResponse<byte[]> put =
        registry.send(
            "PUT",
            withQuery(header(r, "Location"), "digest=" + digest),
            bytes("another shared layer"));
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(registry.get("/v2/target/blobs/" + digest).statusCode()).isEqualTo(200);
  }

  @Test
  void manifestsCannotBeMountedAsBlobs() throws Exception {
    var image = registry.pushImage("source", "v1", bytes("gated layer"));
    for (String query :
        new String[] {"mount=" + image.digest(), "mount=" + image.digest() + "&from=source"}) {
      HttpResponse<byte[]> r =
          registry.send("POST", "/v2/target/blobs/uploads/?" + query, new byte[0]);
      assertThat(r.statusCode()).as(query).isEqualTo(202);
    }
    assertThat(registry.get("/v2/target/blobs/" + image.digest()).statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/source/blobs/" + image.digest()).statusCode()).isEqualTo(404);
  }

  @Test
  void openUploadSessionsAreCapped() throws Exception {
    try (TestRegistry small =
        TestRegistry.start(data.resolve("small"), AccessPolicy.OPEN, c -> c.withMaxUploads(2))) {
      String first = small.startUpload("app");
      small.startUpload("other");
      HttpResponse<byte[]> third = small.send("POST", "/v2/app/blobs/uploads/", new byte[0]);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(errorCode(third)).isEqualTo("TOOMANYREQUESTS");
      assertThat(text(third)).contains("2 upload sessions are open");
      // a single-request upload needs a session too
      byte[] content = bytes("single");
      assertThat(
              small
                  .send(
                      "POST",
                      "/v2/app/blobs/uploads/?digest=" + TestRegistry.sha256(content),
                      content)
                  .statusCode())
          .isEqualTo(429);
      // finishing one frees its place
      assertThat(
              small
                  .send("PUT", withQuery(first, "digest=" + TestRegistry.sha256(content)), content)
                  .statusCode())
          .isEqualTo(201);
      String fourth = small.startUpload("app");
      assertThat(small.send("DELETE", fourth, new byte[0]).statusCode()).isEqualTo(204);
      assertThat(small.send("POST", "/v2/app/blobs/uploads/", new byte[0]).statusCode())
          .isEqualTo(202);
    }
  }

  @Test
  void mountOfUnknownBlobStartsAnUpload() throws Exception {
    Digest digest = registry.pushBlob("source", bytes("layer"));
    Digest absent = TestRegistry.sha256(bytes("absent"));
    HttpResponse<byte[]> unknown =
        registry.send(
            "POST", "/v2/target/blobs/uploads/?mount=" + absent + "&from=source", new byte[0]);
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(header(unknown, "Location")).startsWith("/v2/target/blobs/uploads/");
    HttpResponse<byte[]> wrongSource =
        registry.send(
            "POST", "/v2/target/blobs/uploads/?mount=" + digest + "&from=elsewhere", new byte[0]);
    assertThat(wrongSource.statusCode()).isEqualTo(202);
  }

  @Test
  void manifestPushReturnsLocationAndDigest() throws Exception {
    var pushed = registry.pushImage("app", "v1", bytes("l1"), bytes("l2"));
    HttpResponse<byte[]> again =
        registry.pushManifest("app", "v2", TestRegistry.OCI_MANIFEST, pushed.bytes());
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(header(again, "Location")).isEqualTo("/v2/app/manifests/" + pushed.digest());
    assertThat(header(again, "Docker-Content-Digest")).isEqualTo(pushed.digest().toString());
  }

  @Test
  void manifestNamingAMissingBlobIsRefused() throws Exception {
    Digest config = registry.pushBlob("app", bytes("{}"));
    Digest missing = TestRegistry.sha256(bytes("never pushed"));
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + TestRegistry.OCI_MANIFEST
            + "\",\"config\":"
            + TestRegistry.descriptor(TestRegistry.OCI_CONFIG, config, 2)
            + ",\"layers\":["
            + TestRegistry.descriptor("application/vnd.oci.image.layer.v1.tar", missing, 12)
            + "]}";
    HttpResponse<byte[]> r =
        registry.pushManifest("app", "v1", TestRegistry.OCI_MANIFEST, bytes(manifest));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(TestRegistry.json(r).get("errors").get(0).get("detail").get("digest").textValue())
        .isEqualTo(missing.toString());
  }

  @Test
  void indexNamingAMissingManifestIsRefusedAndAPresentOneAccepted() throws Exception {
    var image = registry.pushImage("app", "amd64", bytes("layer"));
    Digest missing = TestRegistry.sha256(bytes("no such manifest"));
    String index = "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"manifests\":[%s]}";
    HttpResponse<byte[]> refused =
        registry.pushManifest(
            "app",
            "multi",
            TestRegistry.OCI_INDEX,
            bytes(
                TestRegistry.fmt(
                    index,
                    TestRegistry.OCI_INDEX,
                    TestRegistry.descriptor(TestRegistry.OCI_MANIFEST, missing, 10))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(errorCode(refused)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    byte[] good =
        bytes(
            TestRegistry.fmt(
                index,
                TestRegistry.OCI_INDEX,
                TestRegistry.descriptor(
                    TestRegistry.OCI_MANIFEST, image.digest(), image.bytes().length)));
    assertThat(registry.pushManifest("app", "multi", TestRegistry.OCI_INDEX, good).statusCode())
        .isEqualTo(201);
    HttpResponse<byte[]> got = registry.get("/v2/app/manifests/multi");
    assertThat(header(got, "Content-Type")).isEqualTo(TestRegistry.OCI_INDEX);
  }

  @Test
  void dockerSchema2IsServedWithItsMediaType() throws Exception {
    Digest config = registry.pushBlob("app", bytes("{\"os\":\"linux\"}"));
    Digest layer = registry.pushBlob("app", bytes("gzip layer"));
    String type = "application/vnd.docker.distribution.manifest.v2+json";
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + type
            + "\",\"config\":"
            + TestRegistry.descriptor("application/vnd.docker.container.image.v1+json", config, 15)
            + ",\"layers\":["
            + TestRegistry.descriptor(
                "application/vnd.docker.image.rootfs.diff.tar.gzip", layer, 10)
            + "]}";
    assertThat(registry.pushManifest("app", "docker", type, bytes(manifest)).statusCode())
        .isEqualTo(201);
    HttpResponse<byte[]> r = registry.get("/v2/app/manifests/docker");
    assertThat(header(r, "Content-Type")).isEqualTo(type);
  }

  @Test
  void schema1AndMismatchedTypesAreInvalid() throws Exception {
    HttpResponse<byte[]> schema1 =
        registry.pushManifest(
            "app",
            "old",
            "application/vnd.docker.distribution.manifest.v1+prettyjws",
            bytes("{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"old\",\"fsLayers\":[]}"));
    assertThat(schema1.statusCode()).isEqualTo(400);
    assertThat(errorCode(schema1)).isEqualTo("MANIFEST_INVALID");
    HttpResponse<byte[]> notJson =
        registry.pushManifest("app", "bad", TestRegistry.OCI_MANIFEST, bytes("not json"));
    assertThat(errorCode(notJson)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void manifestByDigestMustMatchItsContentAndMayCarryTags() throws Exception {
    var image = registry.pushImage("app", "v1", bytes("layer"));
    HttpResponse<byte[]> wrong =
        registry.pushManifest(
            "app",
            TestRegistry.sha256(bytes("other")).toString(),
            TestRegistry.OCI_MANIFEST,
            image.bytes());
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(errorCode(wrong)).isEqualTo("DIGEST_INVALID");
    HttpResponse<byte[]> tagged =
        registry.pushManifest(
            "app",
            image.digest() + "?tag=1.0&tag=latest",
            TestRegistry.OCI_MANIFEST,
            image.bytes());
    assertThat(tagged.statusCode()).isEqualTo(201);
    assertThat(tagged.headers().allValues("OCI-Tag")).containsExactlyInAnyOrder("1.0", "latest");
    assertThat(registry.get("/v2/app/manifests/latest").body()).isEqualTo(image.bytes());
  }

  @Test
  void oversizedManifestIs413() throws Exception {
    byte[] big = new byte[RegistryConfig.DEFAULT_MAX_MANIFEST + 1];
    Arrays.fill(big, (byte) ' ');
    HttpResponse<byte[]> r = registry.pushManifest("app", "big", TestRegistry.OCI_MANIFEST, big);
    assertThat(r.statusCode()).isEqualTo(413);
  }
}
