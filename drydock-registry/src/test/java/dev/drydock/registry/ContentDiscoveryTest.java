package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static dev.drydock.registry.TestRegistry.header;
import static dev.drydock.registry.TestRegistry.json;
import static dev.drydock.registry.TestRegistry.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite's "content discovery" group: tags, referrers and the catalog. */
class ContentDiscoveryTest {
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
  void tagsAreListedInCodePointOrder() throws Exception {
    var image = registry.pushImage("app", "b", bytes("layer"));
    for (String tag : new String[] {"a", "B", "c", "1.0"}) {
      registry.pushManifest("app", tag, TestRegistry.OCI_MANIFEST, image.bytes());
    }
    HttpResponse<byte[]> r = registry.get("/v2/app/tags/list");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("name").textValue()).isEqualTo("app");
    assertThat(strings(json(r).get("tags"))).containsExactly("1.0", "B", "a", "b", "c");
    assertThat(r.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void tagPagingFollowsLinkUntilTheEnd() throws Exception {
    var image = registry.pushImage("app", "t0", bytes("layer"));
    for (int i = 1; i < 5; i++) {
      registry.pushManifest("app", "t" + i, TestRegistry.OCI_MANIFEST, image.bytes());
    }
    HttpResponse<byte[]> first = registry.get("/v2/app/tags/list?n=2");
    assertThat(strings(json(first).get("tags"))).containsExactly("t0", "t1");
    String link = header(first, "Link");
    assertThat(link).isEqualTo("</v2/app/tags/list?n=2&last=t1>; rel=\"next\"");
    HttpResponse<byte[]> second = registry.get(link.substring(1, link.indexOf('>')));
    assertThat(strings(json(second).get("tags"))).containsExactly("t2", "t3");
    HttpResponse<byte[]> last = registry.get("/v2/app/tags/list?n=2&last=t3");
    assertThat(strings(json(last).get("tags"))).containsExactly("t4");
    assertThat(last.headers().firstValue("Link")).isEmpty();
    HttpResponse<byte[]> afterOnly = registry.get("/v2/app/tags/list?last=t2");
    assertThat(strings(json(afterOnly).get("tags"))).containsExactly("t3", "t4");
  }

  @Test
  void zeroTagsRequestedGivesAnEmptyListWithoutLink() throws Exception {
    registry.pushImage("app", "v1", bytes("layer"));
    HttpResponse<byte[]> r = registry.get("/v2/app/tags/list?n=0");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("tags")).isEmpty();
    assertThat(r.headers().firstValue("Link")).isEmpty();
    assertThat(registry.get("/v2/app/tags/list?n=x").statusCode()).isEqualTo(400);
  }

  @Test
  void tagsOfUnknownRepositoryIs404() throws Exception {
    HttpResponse<byte[]> r = registry.get("/v2/nothing/tags/list");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  void referrersListManifestsWithTheSubjectAndFilterByArtifactType() throws Exception {
    var image = registry.pushImage("app", "v1", bytes("layer"));
    Digest empty = registry.pushBlob("app", bytes("{}"));
    String subject =
        TestRegistry.descriptor(TestRegistry.OCI_MANIFEST, image.digest(), image.bytes().length);
    String sbom =
        TestRegistry.fmt(
            "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"artifactType\":\"application/vnd.example.sbom\",\"config\":%s,\"layers\":[],\"subject\":%s,\"annotations\":{\"org.example.kind\":\"sbom\"}}",
            TestRegistry.OCI_MANIFEST,
            TestRegistry.descriptor("application/vnd.oci.empty.v1+json", empty, 2),
            subject);
    String signature =
        TestRegistry.fmt(
            "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"config\":%s,\"layers\":[],\"subject\":%s}",
            TestRegistry.OCI_MANIFEST,
            TestRegistry.descriptor("application/vnd.example.signature", empty, 2),
            subject);
    Digest sbomDigest = TestRegistry.sha256(bytes(sbom));
    HttpResponse<byte[]> pushed =
        registry.pushManifest("app", sbomDigest.toString(), TestRegistry.OCI_MANIFEST, bytes(sbom));
    assertThat(pushed.statusCode()).isEqualTo(201);
    assertThat(header(pushed, "OCI-Subject")).isEqualTo(image.digest().toString());
    registry.pushManifest(
        "app",
        TestRegistry.sha256(bytes(signature)).toString(),
        TestRegistry.OCI_MANIFEST,
        bytes(signature));

    HttpResponse<byte[]> all = registry.get("/v2/app/referrers/" + image.digest());
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(header(all, "Content-Type")).isEqualTo(TestRegistry.OCI_INDEX);
    JsonNode index = json(all);
    assertThat(index.get("schemaVersion").intValue()).isEqualTo(2);
    assertThat(index.get("manifests")).hasSize(2);
    assertThat(all.headers().firstValue("OCI-Filters-Applied")).isEmpty();

    HttpResponse<byte[]> filtered =
        registry.get(
            "/v2/app/referrers/" + image.digest() + "?artifactType=application/vnd.example.sbom");
    assertThat(header(filtered, "OCI-Filters-Applied")).isEqualTo("artifactType");
    JsonNode only = json(filtered).get("manifests");
    assertThat(only).hasSize(1);
    assertThat(only.get(0).get("digest").textValue()).isEqualTo(sbomDigest.toString());
    assertThat(only.get(0).get("size").longValue()).isEqualTo(bytes(sbom).length);
    assertThat(only.get(0).get("annotations").get("org.example.kind").textValue())
        .isEqualTo("sbom");

    HttpResponse<byte[]> signatures =
        registry.get(
            "/v2/app/referrers/"
                + image.digest()
                + "?artifactType=application/vnd.example.signature");
    // Without artifactType the config media type stands in (spec: listing referrers).
    assertThat(json(signatures).get("manifests")).hasSize(1);
  }

  @Test
  void referrersOfUnknownDigestIsAnEmptyIndexAndBadDigestIs400() throws Exception {
    HttpResponse<byte[]> r =
        registry.get("/v2/app/referrers/" + TestRegistry.sha256(bytes("nothing")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("manifests")).isEmpty();
    assertThat(registry.get("/v2/app/referrers/sha256:nothex").statusCode()).isEqualTo(400);
  }

  @Test
  void subjectMayBePushedAfterItsReferrer() throws Exception {
    Digest empty = registry.pushBlob("app", bytes("{}"));
    Digest absent = TestRegistry.sha256(bytes("image pushed later"));
    String referrer =
        TestRegistry.fmt(
            "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"config\":%s,\"layers\":[],\"subject\":%s}",
            TestRegistry.OCI_MANIFEST,
            TestRegistry.descriptor("application/vnd.example.sig", empty, 2),
            TestRegistry.descriptor(TestRegistry.OCI_MANIFEST, absent, 100));
    HttpResponse<byte[]> r =
        registry.pushManifest("app", "sig", TestRegistry.OCI_MANIFEST, bytes(referrer));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(json(registry.get("/v2/app/referrers/" + absent)).get("manifests")).hasSize(1);
  }

  @Test
  void catalogPagesThroughRepositories() throws Exception {
    for (String repo : new String[] {"b/two", "a", "c", "b"}) {
      registry.pushBlob(repo, bytes("x"));
    }
    HttpResponse<byte[]> all = registry.get("/v2/_catalog");
    assertThat(strings(json(all).get("repositories"))).containsExactly("a", "b", "b/two", "c");
    HttpResponse<byte[]> page = registry.get("/v2/_catalog?n=2");
    assertThat(strings(json(page).get("repositories"))).containsExactly("a", "b");
    assertThat(header(page, "Link")).isEqualTo("</v2/_catalog?n=2&last=b>; rel=\"next\"");
    HttpResponse<byte[]> next = registry.get("/v2/_catalog?n=2&last=b");
    assertThat(strings(json(next).get("repositories"))).containsExactly("b/two", "c");
    assertThat(next.headers().firstValue("Link")).isEmpty();
  }
}
