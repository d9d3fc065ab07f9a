package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.OCI_INDEX;
import static dev.drydock.registry.TestRegistry.OCI_MANIFEST;
import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.AccessPolicy.Decision;
import dev.drydock.registry.SecurityStore.Project;
import dev.drydock.registry.SecurityStore.ProjectPolicy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull gates, immutable tags and quotas, through real HTTP against a started registry. */
class ProjectRulesTest {
  private static final ProjectPolicy IMMUTABLE = new ProjectPolicy(null, null, false, true);

  @TempDir Path data;

  @Test
  void immutableTagsRefuseMovesAndDeletesButAllowTheSameDigestAgain() throws Exception {
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of())) {
      g.project(new Project("prod", false, IMMUTABLE, -1));
      g.project(new Project("dev", false, ProjectPolicy.NONE, -1));
      TestRegistry r = g.registry;
      TestRegistry.Pushed v1 = r.pushImage("prod/app", "v1", bytes("one"));
      TestRegistry.Pushed v2 = r.pushImage("prod/app", "v2", bytes("two"));
      assertThat(r.pushManifest("prod/app", "v1", OCI_MANIFEST, v1.bytes()).statusCode())
          .isEqualTo(201);

      HttpResponse<byte[]> moved = r.pushManifest("prod/app", "v1", OCI_MANIFEST, v2.bytes());
      assertThat(moved.statusCode()).as(text(moved)).isEqualTo(403);
      assertThat(errorCode(moved)).isEqualTo("DENIED");
      assertThat(text(moved))
          .contains("immutable:prod", "tag v1", v1.digest().toString(), "push under a new tag");
      HttpResponse<byte[]> byDigest =
          r.send(
              "PUT",
              "/v2/prod/app/manifests/" + v2.digest() + "?tag=v3&tag=v1",
              v2.bytes(),
              "Content-Type",
              OCI_MANIFEST);
      assertThat(byDigest.statusCode()).as(text(byDigest)).isEqualTo(403);
      assertThat(r.get("/v2/prod/app/manifests/v3").statusCode()).isEqualTo(404);
      HttpResponse<byte[]> still = r.get("/v2/prod/app/manifests/v1");
      assertThat(TestRegistry.header(still, "Docker-Content-Digest"))
          .isEqualTo(v1.digest().toString());

      HttpResponse<byte[]> untag = r.delete("/v2/prod/app/manifests/v1");
      assertThat(untag.statusCode()).isEqualTo(403);
      assertThat(text(untag)).contains("cannot be deleted");
      HttpResponse<byte[]> deleteTagged = r.delete("/v2/prod/app/manifests/" + v1.digest());
      assertThat(deleteTagged.statusCode()).isEqualTo(403);
      assertThat(text(deleteTagged)).contains("is tagged v1");

      // an untagged manifest may go
      TestRegistry.Pushed loose = r.pushImage("prod/app", "tmp", bytes("three"));
      assertThat(r.get("/v2/prod/app/manifests/" + loose.digest()).statusCode()).isEqualTo(200);
      // cosign's signature tag is rewritten on every signature: it stays mutable
      String sigTag = "sha256-" + v1.digest().hex() + ".sig";
      assertThat(r.pushManifest("prod/app", sigTag, OCI_MANIFEST, v1.bytes()).statusCode())
          .isEqualTo(201);
      assertThat(r.pushManifest("prod/app", sigTag, OCI_MANIFEST, v2.bytes()).statusCode())
          .isEqualTo(201);

      // a project without the rule lets tags move
      TestRegistry.Pushed d1 = r.pushImage("dev/app", "v1", bytes("one"));
      TestRegistry.Pushed d2 = r.pushImage("dev/app", "v2", bytes("two"));
      assertThat(r.pushManifest("dev/app", "v1", OCI_MANIFEST, d2.bytes()).statusCode())
          .isEqualTo(201);
      assertThat(r.delete("/v2/dev/app/manifests/" + d1.digest()).statusCode()).isEqualTo(202);
    }
  }

  @Test
  void immutableTagsProtectTheBlobsAndPlatformManifestsTheyReach() throws Exception {
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of())) {
      g.project(new Project("prod", false, IMMUTABLE, -1));
      g.project(new Project("dev", false, ProjectPolicy.NONE, -1));
      TestRegistry r = g.registry;
      TestRegistry.Pushed v1 = r.pushImage("prod/app", "v1", bytes("layer"));
      Digest layer = TestRegistry.sha256(bytes("layer"));

      for (Digest content : List.of(layer, v1.config(), v1.digest())) {
        HttpResponse<byte[]> refused = r.delete("/v2/prod/app/blobs/" + content);
        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(403);
        assertThat(text(refused)).contains("immutable:prod", "cannot be deleted");
      }
      assertThat(text(r.delete("/v2/prod/app/blobs/" + layer)))
          .contains("is referenced by " + v1.digest() + ", tagged v1");
      assertThat(r.get("/v2/prod/app/blobs/" + layer).statusCode()).isEqualTo(200);
      assertThat(r.get("/v2/prod/app/manifests/v1").statusCode()).isEqualTo(200);

      // a platform manifest listed by a tagged index, and its layers, are protected too
      // (built in a mutable project, then pushed by digest only: no tag of its own)
      TestRegistry.Pushed amd64 = r.pushImage("dev/build", "amd64", bytes("platform"));
      r.pushBlob("prod/multi", bytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}"));
      r.pushBlob("prod/multi", bytes("platform"));
      assertThat(
              r.pushManifest("prod/multi", amd64.digest().toString(), OCI_MANIFEST, amd64.bytes())
                  .statusCode())
          .isEqualTo(201);
      byte[] index =
          bytes(
              "{\"schemaVersion\":2,\"mediaType\":\""
                  + OCI_INDEX
                  + "\",\"manifests\":["
                  + TestRegistry.descriptor(OCI_MANIFEST, amd64.digest(), amd64.bytes().length)
                  + "]}");
      assertThat(r.pushManifest("prod/multi", "2.0", OCI_INDEX, index).statusCode()).isEqualTo(201);
      HttpResponse<byte[]> platform = r.delete("/v2/prod/multi/manifests/" + amd64.digest());
      assertThat(platform.statusCode()).as(text(platform)).isEqualTo(403);
      assertThat(text(platform)).contains("is listed by index", "tagged 2.0");
      HttpResponse<byte[]> platformLayer =
          r.delete("/v2/prod/multi/blobs/" + TestRegistry.sha256(bytes("platform")));
      assertThat(platformLayer.statusCode()).isEqualTo(403);
      assertThat(text(platformLayer)).contains("listed by index", "tagged 2.0");

      // content no immutable tag reaches may go, as may everything in a mutable project
      Digest loose = r.pushBlob("prod/app", bytes("dangling"));
      assertThat(r.delete("/v2/prod/app/blobs/" + loose).statusCode()).isEqualTo(202);
      r.pushImage("dev/app", "v1", bytes("layer"));
      assertThat(r.delete("/v2/dev/app/blobs/" + layer).statusCode()).isEqualTo(202);
    }
  }

  @Test
  void quotaRefusesTheBlobThatWouldExceedItAndCountsFromTheStoresAgainLater() throws Exception {
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of())) {
      g.project(new Project("small", false, ProjectPolicy.NONE, 2048));
      g.project(new Project("big", false, ProjectPolicy.NONE, -1));
      TestRegistry r = g.registry;
      r.pushBlob("small/app", new byte[1536]);

      byte[] second = new byte[1000];
      second[0] = 1;
      Digest digest = TestRegistry.sha256(second);
      String location = r.startUpload("small/app");
      HttpResponse<byte[]> refused =
          r.send(
              "PUT",
              TestRegistry.withQuery(location, "digest=" + digest),
              second,
              "Content-Type",
              "application/octet-stream");
      assertThat(refused.statusCode()).as(text(refused)).isEqualTo(403);
      assertThat(text(refused))
          .contains("quota:small", "uses 1.5 KiB of its 2.0 KiB quota", "adds 1000 B");
      assertThat(r.head("/v2/small/app/blobs/" + digest).statusCode()).isEqualTo(404);
      assertThat(r.get(location).statusCode()).as("the refused session is gone").isEqualTo(404);

      // mounting counts too
      r.pushBlob("big/app", second);
      HttpResponse<byte[]> mount =
          r.send(
              "POST",
              "/v2/small/other/blobs/uploads/?mount=" + digest + "&from=big/app",
              new byte[0]);
      assertThat(mount.statusCode()).as(text(mount)).isEqualTo(403);
      assertThat(text(mount)).contains("quota:small");

      // a blob no manifest references still counts once usage is recomputed from the stores
      g.stores.clock().advance(UsageCounter.REFRESH.plus(Duration.ofSeconds(1)));
      byte[] dangling = new byte[600];
      dangling[0] = 3;
      String later = r.startUpload("small/app");
      HttpResponse<byte[]> stillCounted =
          r.send(
              "PUT",
              TestRegistry.withQuery(later, "digest=" + TestRegistry.sha256(dangling)),
              dangling,
              "Content-Type",
              "application/octet-stream");
      assertThat(stillCounted.statusCode()).as(text(stillCounted)).isEqualTo(403);
      assertThat(text(stillCounted)).contains("uses 1.5 KiB of its 2.0 KiB quota");

      // deleting it frees the space at once
      assertThat(
              r.delete("/v2/small/app/blobs/" + TestRegistry.sha256(new byte[1536])).statusCode())
          .isEqualTo(202);
      TestRegistry.Pushed image = r.pushImage("small/app", "v1", new byte[900]);
      assertThat(r.get("/v2/small/app/manifests/v1").statusCode()).isEqualTo(200);
      g.stores.clock().advance(UsageCounter.REFRESH.plus(Duration.ofSeconds(1)));
      byte[] third = new byte[1100];
      third[0] = 2;
      String again = r.startUpload("small/app");
      HttpResponse<byte[]> over =
          r.send(
              "PUT",
              TestRegistry.withQuery(again, "digest=" + TestRegistry.sha256(third)),
              third,
              "Content-Type",
              "application/octet-stream");
      assertThat(over.statusCode()).as(text(over)).isEqualTo(403);
      long used = 900L + image.bytes().length + 39; // layer, manifest, config
      assertThat(text(over)).contains("uses " + UsageCounter.human(used));
    }
  }

  @Test
  void concurrentUploadsCannotAllPassTheSameQuotaCheck() throws Exception {
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of())) {
      g.project(new Project("q", false, ProjectPolicy.NONE, 2048));
      TestRegistry r = g.registry;
      int uploads = 8;
      List<String> locations = new java.util.ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        locations.add(r.startUpload("q/app"));
      }
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < uploads; i++) {
          byte[] blob = new byte[600];
          blob[0] = (byte) (i + 1);
          String location = locations.get(i);
          results.add(
              pool.submit(
                  () ->
                      r.send(
                              "PUT",
                              TestRegistry.withQuery(
                                  location, "digest=" + TestRegistry.sha256(blob)),
                              blob,
                              "Content-Type",
                              "application/octet-stream")
                          .statusCode()));
        }
      }
      int stored = 0;
      for (var result : results) {
        if (result.get() == 201) {
          stored++;
        } else {
          assertThat(result.get()).isEqualTo(403);
        }
      }
      assertThat(stored).as("600 B blobs fitting 2048 B").isEqualTo(3);
    }
  }

  @Test
  void pullGatesJudgeTheManifestOrAnIndexListingIt() throws Exception {
    Set<Digest> approved = ConcurrentHashMap.newKeySet();
    PullGate gate =
        (project, repository, manifest) ->
            approved.contains(manifest)
                ? Decision.ALLOW
                : new Decision.Deny("test:approved", manifest + " is not approved");
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of(gate))) {
      g.project(new Project("p", false, ProjectPolicy.NONE, -1));
      TestRegistry r = g.registry;
      TestRegistry.Pushed child = r.pushImage("p/app", "amd64", bytes("layer"));
      byte[] index =
          bytes(
              "{\"schemaVersion\":2,\"mediaType\":\""
                  + OCI_INDEX
                  + "\",\"manifests\":["
                  + TestRegistry.descriptor(OCI_MANIFEST, child.digest(), child.bytes().length)
                  + "]}");
      assertThat(r.pushManifest("p/app", "multi", OCI_INDEX, index).statusCode()).isEqualTo(201);
      Digest indexDigest = TestRegistry.sha256(index);

      HttpResponse<byte[]> refused = r.get("/v2/p/app/manifests/multi");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(text(refused)).contains("test:approved", indexDigest + " is not approved");
      // HEAD shows no content; signers need it to attach signatures to a refused image
      assertThat(r.head("/v2/p/app/manifests/multi").statusCode()).isEqualTo(200);
      assertThat(r.get("/v2/p/app/manifests/" + child.digest()).statusCode()).isEqualTo(403);

      approved.add(indexDigest);
      assertThat(r.get("/v2/p/app/manifests/multi").statusCode()).isEqualTo(200);
      // docker's second request: the platform manifest by digest, allowed through its index
      assertThat(r.get("/v2/p/app/manifests/" + child.digest()).statusCode()).isEqualTo(200);
      // ... but only in the repository where that index is
      r.pushImage("p/copy", "amd64", bytes("layer"));
      assertThat(r.get("/v2/p/copy/manifests/" + child.digest()).statusCode()).isEqualTo(403);
      // blobs are not gated: content-addressed and useless without an allowed manifest
      assertThat(r.get("/v2/p/copy/blobs/" + child.config()).statusCode()).isEqualTo(200);

      // signatures and other referrers are not gated: verifiers must read them
      byte[] referrer =
          bytes(
              "{\"schemaVersion\":2,\"mediaType\":\""
                  + OCI_MANIFEST
                  + "\",\"artifactType\":\"application/example\",\"config\":"
                  + TestRegistry.descriptor(
                      "application/vnd.oci.empty.v1+json", r.pushBlob("p/copy", bytes("{}")), 2)
                  + ",\"layers\":[],\"subject\":"
                  + TestRegistry.descriptor(OCI_MANIFEST, child.digest(), child.bytes().length)
                  + "}");
      HttpResponse<byte[]> pushed =
          r.pushManifest(
              "p/copy", TestRegistry.sha256(referrer).toString(), OCI_MANIFEST, referrer);
      assertThat(pushed.statusCode()).as(text(pushed)).isEqualTo(201);
      assertThat(r.get("/v2/p/copy/manifests/" + TestRegistry.sha256(referrer)).statusCode())
          .isEqualTo(200);

      // repositories outside every project get no project rules
      r.pushImage("free/app", "v1", bytes("x"));
      assertThat(r.get("/v2/free/app/manifests/v1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void onlyContentARuntimeCannotRunEscapesTheGates() throws Exception {
    PullGate refuseAll = (project, repository, manifest) -> new Decision.Deny("test:no", "no");
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of(refuseAll))) {
      g.project(new Project("p", false, ProjectPolicy.NONE, -1));
      TestRegistry r = g.registry;
      TestRegistry.Pushed image = r.pushImage("p/app", "v1", bytes("layer"));
      assertThat(r.get("/v2/p/app/manifests/v1").statusCode()).isEqualTo(403);
      String subject = TestRegistry.descriptor(OCI_MANIFEST, image.digest(), image.bytes().length);

      // the same image with a subject added: docker ignores the field and runs it
      String body = new String(image.bytes(), java.nio.charset.StandardCharsets.UTF_8);
      byte[] withSubject =
          bytes(body.substring(0, body.length() - 1) + ",\"subject\":" + subject + "}");
      assertThat(r.pushManifest("p/app", "sneaky", OCI_MANIFEST, withSubject).statusCode())
          .isEqualTo(201);
      HttpResponse<byte[]> sneaky = r.get("/v2/p/app/manifests/sneaky");
      assertThat(sneaky.statusCode()).as(text(sneaky)).isEqualTo(403);
      assertThat(text(sneaky)).contains("test:no");

      // an image whose layers claim a signature media type: docker 20.10 extracts them anyway
      byte[] tarLayer = new byte[1024];
      Digest tar = r.pushBlob("p/app", tarLayer);
      byte[] disguised =
          manifest(
              TestRegistry.OCI_CONFIG,
              image.config(),
              39,
              TestRegistry.descriptor(
                  "application/vnd.dev.cosign.simplesigning.v1+json", tar, 1024),
              null);
      assertThat(r.pushManifest("p/app", "disguised", OCI_MANIFEST, disguised).statusCode())
          .isEqualTo(201);
      assertThat(r.get("/v2/p/app/manifests/disguised").statusCode()).isEqualTo(403);

      // an artifact config with a real layer type is still an image to a runtime
      Digest empty = r.pushBlob("p/app", bytes("{}"));
      byte[] artifactWithLayer =
          manifest(
              "application/vnd.oci.empty.v1+json",
              empty,
              2,
              TestRegistry.descriptor("application/vnd.oci.image.layer.v1.tar+gzip", tar, 1024),
              subject);
      assertThat(r.pushManifest("p/app", "layered", OCI_MANIFEST, artifactWithLayer).statusCode())
          .isEqualTo(201);
      assertThat(r.get("/v2/p/app/manifests/layered").statusCode()).isEqualTo(403);

      // an index is never exempt, subject or not
      byte[] index =
          bytes(
              "{\"schemaVersion\":2,\"mediaType\":\""
                  + OCI_INDEX
                  + "\",\"manifests\":["
                  + subject
                  + "],\"subject\":"
                  + subject
                  + "}");
      assertThat(r.pushManifest("p/app", "multi", OCI_INDEX, index).statusCode()).isEqualTo(201);
      assertThat(r.get("/v2/p/app/manifests/multi").statusCode()).isEqualTo(403);

      // real attachments stay readable: an SBOM artifact, and a legacy .sig layout whose layer
      // is a JSON document
      byte[] sbomBytes = bytes("{\"spdxVersion\":\"SPDX-2.3\"}");
      Digest sbom = r.pushBlob("p/app", sbomBytes);
      byte[] sbomManifest =
          manifest(
              "application/vnd.oci.empty.v1+json",
              empty,
              2,
              TestRegistry.descriptor("application/spdx+json", sbom, sbomBytes.length),
              subject);
      assertThat(r.pushManifest("p/app", "sbom", OCI_MANIFEST, sbomManifest).statusCode())
          .isEqualTo(201);
      assertThat(r.get("/v2/p/app/manifests/sbom").statusCode()).isEqualTo(200);
      byte[] payload = bytes("{\"critical\":{\"type\":\"cosign container image signature\"}}");
      Digest sig = r.pushBlob("p/app", payload);
      byte[] legacy =
          manifest(
              TestRegistry.OCI_CONFIG,
              image.config(),
              39,
              TestRegistry.descriptor(
                  "application/vnd.dev.cosign.simplesigning.v1+json", sig, payload.length),
              null);
      String sigTag = "sha256-" + image.digest().hex() + ".sig";
      assertThat(r.pushManifest("p/app", sigTag, OCI_MANIFEST, legacy).statusCode()).isEqualTo(201);
      assertThat(r.get("/v2/p/app/manifests/" + sigTag).statusCode()).isEqualTo(200);
    }
  }

  private static byte[] manifest(
      String configType, Digest config, long configSize, String layer, @Nullable String subject) {
    return bytes(
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"config\":"
            + TestRegistry.descriptor(configType, config, configSize)
            + ",\"layers\":["
            + layer
            + "]"
            + (subject == null ? "" : ",\"subject\":" + subject)
            + "}");
  }

  @Test
  void aGateThatCannotDecideRefuses() throws Exception {
    PullGate broken =
        (project, repository, manifest) -> {
          throw new RegistryException("keyring unreadable");
        };
    try (GatedRegistry g = GatedRegistry.start(data, s -> List.of(broken))) {
      g.project(new Project("p", false, ProjectPolicy.NONE, -1));
      g.registry.pushImage("p/app", "v1", bytes("x"));
      HttpResponse<byte[]> r = g.registry.get("/v2/p/app/manifests/v1");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(text(r))
          .contains("rules:p", "could not evaluate the rules of project p", "registry's log")
          .doesNotContain("keyring unreadable");
    }
  }

  @Test
  void sizesReadAsPeopleReadThem() {
    assertThat(UsageCounter.human(0)).isEqualTo("0 B");
    assertThat(UsageCounter.human(1023)).isEqualTo("1023 B");
    assertThat(UsageCounter.human(1536)).isEqualTo("1.5 KiB");
    assertThat(UsageCounter.human(5L << 30)).isEqualTo("5.0 GiB");
    assertThat(ProjectRules.projectName("a/b/c")).isEqualTo("a");
    assertThat(ProjectRules.projectName("solo")).isEqualTo("solo");
  }
}
