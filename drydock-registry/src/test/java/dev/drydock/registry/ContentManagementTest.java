package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite's "content management" group, and garbage collection. */
class ContentManagementTest {
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
  void deletingATagKeepsTheManifest() throws Exception {
    var image = registry.pushImage("app", "v1", bytes("layer"));
    assertThat(registry.delete("/v2/app/manifests/v1").statusCode()).isEqualTo(202);
    assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/app/manifests/" + image.digest()).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> again = registry.delete("/v2/app/manifests/v1");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(errorCode(again)).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void deletingAManifestRemovesItsTagsAndReferrerEntry() throws Exception {
    var image = registry.pushImage("app", "v1", bytes("layer"));
    registry.pushManifest("app", "v2", TestRegistry.OCI_MANIFEST, image.bytes());
    Digest empty = registry.pushBlob("app", bytes("{}"));
    String sig =
        TestRegistry.fmt(
            "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"config\":%s,\"layers\":[],\"subject\":%s}",
            TestRegistry.OCI_MANIFEST,
            TestRegistry.descriptor("application/vnd.example.sig", empty, 2),
            TestRegistry.descriptor(
                TestRegistry.OCI_MANIFEST, image.digest(), image.bytes().length));
    Digest sigDigest = TestRegistry.sha256(bytes(sig));
    registry.pushManifest("app", sigDigest.toString(), TestRegistry.OCI_MANIFEST, bytes(sig));

    assertThat(registry.delete("/v2/app/manifests/" + image.digest()).statusCode()).isEqualTo(202);
    assertThat(registry.get("/v2/app/manifests/" + image.digest()).statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/app/manifests/v2").statusCode()).isEqualTo(404);
    assertThat(json(registry.get("/v2/app/tags/list")).get("tags")).isEmpty();

    assertThat(registry.delete("/v2/app/manifests/" + sigDigest).statusCode()).isEqualTo(202);
    assertThat(json(registry.get("/v2/app/referrers/" + image.digest())).get("manifests"))
        .isEmpty();
  }

  @Test
  void deletingUnknownManifestOrRepositoryIs404() throws Exception {
    registry.pushImage("app", "v1", bytes("layer"));
    Digest absent = TestRegistry.sha256(bytes("absent"));
    HttpResponse<byte[]> manifest = registry.delete("/v2/app/manifests/" + absent);
    assertThat(manifest.statusCode()).isEqualTo(404);
    assertThat(errorCode(manifest)).isEqualTo("MANIFEST_UNKNOWN");
    HttpResponse<byte[]> repo = registry.delete("/v2/none/manifests/" + absent);
    assertThat(errorCode(repo)).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  void deletingABlobStopsServingIt() throws Exception {
    Digest digest = registry.pushBlob("app", bytes("blob to delete"));
    assertThat(registry.delete("/v2/app/blobs/" + digest).statusCode()).isEqualTo(202);
    assertThat(registry.get("/v2/app/blobs/" + digest).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> again = registry.delete("/v2/app/blobs/" + digest);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(errorCode(again)).isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  void garbageCollectionDeletesOnlyUnreferencedBlobsPastTheGrace() throws Exception {
    var kept = registry.pushImage("app", "v1", bytes("referenced layer"));
    Digest orphan = registry.pushBlob("app", bytes("orphan layer"));
    var deleted = registry.pushImage("gone", "v1", bytes("layer of a deleted image"));
    registry.delete("/v2/gone/manifests/" + deleted.digest());

    GarbageCollector.Result early = registry.server.collectGarbage(Duration.ofHours(1));
    assertThat(early.deleted()).isZero();

    registry.clock.advance(Duration.ofHours(2));
    GarbageCollector.Result result = registry.server.collectGarbage(Duration.ofHours(1));
    // the orphan, the deleted image's manifest and its layer (its config is also app's config)
    assertThat(result.deleted()).isEqualTo(3);
    assertThat(result.repositories()).isEqualTo(2);
    assertThat(registry.get("/v2/app/blobs/" + orphan).statusCode()).isEqualTo(404);
    assertThat(registry.get("/v2/app/manifests/v1").body()).isEqualTo(kept.bytes());
    assertThat(registry.get("/v2/app/blobs/" + kept.config()).statusCode()).isEqualTo(200);
    Digest layer = TestRegistry.sha256(bytes("referenced layer"));
    assertThat(registry.get("/v2/app/blobs/" + layer).statusCode()).isEqualTo(200);
    assertThat(registry.get("/v2/gone/blobs/" + kept.config()).statusCode()).isEqualTo(200);
  }
}
