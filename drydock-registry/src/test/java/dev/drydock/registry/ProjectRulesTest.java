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

      // usage is recomputed from the manifests: the first blob is referenced by none, so once
      // the cached figure expires it no longer counts
      g.stores.clock().advance(UsageCounter.REFRESH.plus(Duration.ofSeconds(1)));
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
