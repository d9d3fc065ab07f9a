package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push-side protocol edge cases against {@link FakeRegistry}. */
class RegistryPushTest {
  private FakeRegistry registry;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry();
  }

  @AfterEach
  void stop() throws IOException {
    registry.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Descriptor blob(byte[] content) {
    return Descriptor.of("application/octet-stream", Images.sha256(content), content.length);
  }

  @Test
  void anAuthChallengeOnPush_getsATokenForPullAndPush_andTheUploadCompletes() throws Exception {
    registry.bearer = true;
    byte[] content = bytes("hello");

    Descriptor pushed = registry.client(1024).pushBlob("team/app", content);

    assertThat(registry.blobs).containsKey(pushed.digest().toString());
    assertThat(registry.tokenScopes).contains("repository:team/app:pull,push");
    assertThat(registry.requests).anyMatch(r -> r.startsWith("PUT /v2/team/app/blobs/uploads/"));
  }

  @Test
  void aMount_asksForBothScopes_andReturnsTrueWhenTheRegistryMounts() throws Exception {
    registry.bearer = true;
    byte[] content = bytes("shared layer");
    RegistryClient client = registry.client(1024);
    Descriptor d = client.pushBlob("src/app", content);

    assertThat(client.mountBlob("dst/app", d, "src/app", () -> new ByteArrayInputStream(content)))
        .isTrue();
    assertThat(registry.present).contains("dst/app@" + d.digest());
    assertThat(registry.requests).noneMatch(r -> r.startsWith("PUT /v2/dst/app/blobs"));
    assertThat(registry.tokenScopes)
        .contains("repository:dst/app:pull,push", "repository:src/app:pull");
  }

  @Test
  void a202WithoutMount_uploadsIntoTheOpenedSession() throws Exception {
    registry.mounts = false;
    byte[] content = bytes("not mounted");
    Descriptor d = blob(content);

    boolean mounted =
        registry
            .client(1024)
            .mountBlob("dst/app", d, "src/app", () -> new ByteArrayInputStream(content));

    assertThat(mounted).isFalse();
    assertThat(registry.blobs.get(d.digest().toString())).isEqualTo(content);
    assertThat(registry.requests)
        .filteredOn(r -> r.startsWith("POST"))
        .singleElement()
        .asString()
        .contains("mount=sha256%3A" + d.digest().hex(), "from=src%2Fapp");
  }

  @Test
  void aLargeBlob_goesInContiguousChunks() throws Exception {
    byte[] content = new byte[2500];
    new java.util.Random(1).nextBytes(content);

    registry
        .client(1000)
        .pushBlob("team/app", blob(content), () -> new ByteArrayInputStream(content));

    assertThat(registry.blobs.get(Images.sha256(content).toString())).isEqualTo(content);
    assertThat(registry.requests).filteredOn(r -> r.startsWith("PATCH")).hasSize(3);
  }

  @Test
  void contentThatDoesNotMatchItsDigest_isRefused_monolithicAndChunked() {
    byte[] content = bytes("actual content, long enough to be chunked");
    Descriptor claimed =
        Descriptor.of("application/octet-stream", Images.sha256(bytes("other")), content.length);
    for (long threshold : new long[] {1 << 20, 10}) {
      assertThatThrownBy(
              () ->
                  registry
                      .client(threshold)
                      .pushBlob("team/app", claimed, () -> new ByteArrayInputStream(content)))
          .isInstanceOf(DigestMismatchException.class);
    }
    assertThat(registry.blobs).isEmpty();
    assertThat(registry.uploads).as("the chunked session was cancelled").isEmpty();
  }

  @Test
  void aLongerStreamThanDeclared_isRefusedWhenChunked() {
    byte[] content = bytes("0123456789abcdef");
    Descriptor claimed = Descriptor.of("application/octet-stream", Images.sha256(content), 8);
    assertThatThrownBy(
            () ->
                registry
                    .client(4)
                    .pushBlob("team/app", claimed, () -> new ByteArrayInputStream(content)))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void aManifestPush_whoseDigestHeaderDiffers_isRefused() throws Exception {
    byte[] manifest = bytes("{\"schemaVersion\":2}");
    registry.wrongManifestDigest = Images.sha256(bytes("x")).toString();
    RegistryClient client = registry.client(1024);

    assertThatThrownBy(
            () -> client.pushManifest("team/app", "1", MediaTypes.OCI_MANIFEST, manifest))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("Docker-Content-Digest");
    assertThatThrownBy(
            () ->
                client.pushManifest(
                    "team/app",
                    Images.sha256(bytes("y")).toString(),
                    MediaTypes.OCI_MANIFEST,
                    manifest))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void tags_followLinkPages_butNotToAnotherHost() throws Exception {
    RegistryClient client = registry.client(1024);
    byte[] manifest = bytes("{\"schemaVersion\":2}");
    for (String tag : List.of("c", "a", "e", "b", "d")) {
      client.pushManifest("team/app", tag, MediaTypes.OCI_MANIFEST, manifest);
    }
    registry.tagPageSize = 2;

    assertThat(client.tags("team/app")).containsExactly("a", "b", "c", "d", "e");
    assertThat(registry.requests).filteredOn(r -> r.contains("tags/list")).hasSize(3);

    registry.foreignLink = "http://elsewhere.example/v2/team/app/tags/list?n=2&last=b";
    assertThatThrownBy(() -> client.tags("team/app"))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("leaves the registry");
  }

  @Test
  void aFactory_givesOneClientPerHost() throws Exception {
    RegistryClientFactory clients =
        RegistryClientFactory.of(RegistryOptions.of(RegistryCredentials.anonymous()));
    RegistryClient a = clients.client("a.example:5000");
    assertThat(clients.client("a.example:5000")).isSameAs(a);
    assertThat(clients.client("b.example").registry()).isEqualTo("b.example");
    assertThat(a.registry()).isEqualTo("a.example:5000");
  }

  @Test
  void linkHeaderParsing() {
    assertThat(TagList.next("</v2/a/tags/list?n=2&last=b>; rel=\"next\""))
        .isEqualTo("/v2/a/tags/list?n=2&last=b");
    assertThat(TagList.next("</x>; rel=\"prev\"")).isNull();
    assertThat(TagList.next(null)).isNull();
  }

  private static ImageManifest artifact(Descriptor subject, String type) {
    Descriptor empty = Descriptor.of(MediaTypes.OCI_EMPTY, Images.sha256(bytes("{}")), 2);
    return new ImageManifest(
        MediaTypes.OCI_MANIFEST, type, empty, List.of(), subject, Map.of("t", type));
  }

  @Test
  void referrers_withoutTheApi_useTheTagSchema_readModifyWrite() throws Exception {
    RegistryClient client = registry.client(1024);
    Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, Images.sha256(bytes("img")), 3);
    PushedManifest a =
        client.pushReferrer(
            "team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/sig").toJson());
    PushedManifest b =
        client.pushReferrer(
            "team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/sbom").toJson());
    client.pushReferrer("team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/sig").toJson());

    assertThat(a.subject()).isNull();
    assertThat(client.referrers("team/app", subject.digest(), null))
        .extracting(Descriptor::digest)
        .containsExactly(a.digest(), b.digest());
    assertThat(client.referrers("team/app", subject.digest(), "x/sbom"))
        .singleElement()
        .satisfies(d -> assertThat(d.annotations()).containsEntry("t", "x/sbom"));
    byte[] tag =
        java.util.Objects.requireNonNull(
            registry.manifests.get("team/app@sha256-" + subject.digest().hex()));
    assertThat(ImageIndex.parse(tag).manifests()).hasSize(2);
  }

  @Test
  void aReferrersTagUpdate_thatLosesARace_isRetriedOnTheOtherWritersIndex() throws Exception {
    RegistryClient client = registry.client(1024);
    Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, Images.sha256(bytes("img")), 3);
    PushedManifest first =
        client.pushReferrer("team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/a").toJson());
    Descriptor other =
        Descriptor.of(MediaTypes.OCI_MANIFEST, Images.sha256(bytes("other writer")), 12);
    List<Descriptor> theirs =
        List.of(client.referrers("team/app", subject.digest(), null).get(0), other);
    registry.concurrentWrite =
        new ImageIndex(MediaTypes.OCI_INDEX, null, theirs, null, Map.of()).toJson();

    PushedManifest second =
        client.pushReferrer("team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/b").toJson());

    assertThat(registry.requests).anyMatch(r -> r.contains("sha256-" + subject.digest().hex()));
    assertThat(client.referrers("team/app", subject.digest(), null))
        .extracting(Descriptor::digest)
        .containsExactly(first.digest(), other.digest(), second.digest());
  }

  @Test
  void referrers_withTheApi_useIt_andWriteNoTag() throws Exception {
    registry.referrersApi = true;
    RegistryClient client = registry.client(1024);
    Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, Images.sha256(bytes("img")), 3);

    PushedManifest pushed =
        client.pushReferrer(
            "team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/sig").toJson());
    client.pushReferrer("team/app", MediaTypes.OCI_MANIFEST, artifact(subject, "x/sbom").toJson());

    assertThat(pushed.subject()).isEqualTo(subject.digest());
    assertThat(registry.manifests).doesNotContainKey("team/app@sha256-" + subject.digest().hex());
    assertThat(client.referrers("team/app", subject.digest(), "x/sig"))
        .extracting(Descriptor::digest)
        .containsExactly(pushed.digest());
    assertThat(client.referrers("team/app", subject.digest(), null)).hasSize(2);
  }

  @Test
  void aReferrerWithoutSubject_isRefused() {
    ImageManifest plain =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            null,
            Descriptor.of(MediaTypes.OCI_EMPTY, Images.sha256(bytes("{}")), 2),
            List.of(),
            null,
            Map.of());
    assertThatThrownBy(
            () ->
                registry.client(1024).pushReferrer("a/b", MediaTypes.OCI_MANIFEST, plain.toJson()))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("no subject");
  }

  @Test
  void deleteAndResolve() throws Exception {
    RegistryClient client = registry.client(1024);
    byte[] manifest =
        bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"}");
    Digest digest =
        client.pushManifest("team/app", "1", MediaTypes.OCI_MANIFEST, manifest).digest();

    assertThat(client.resolve("team/app", digest.toString()))
        .contains(Descriptor.of(MediaTypes.OCI_MANIFEST, digest, manifest.length));
    client.deleteManifest("team/app", digest);
    assertThat(client.resolve("team/app", digest.toString())).isEmpty();
    assertThatThrownBy(() -> client.deleteManifest("team/app", digest))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo("MANIFEST_UNKNOWN"));
  }

  @Test
  void copyOfAnIndex_acrossRegistries_pushesChildrenFirst_andKeepsTheDigest() throws Exception {
    try (FakeRegistry target = new FakeRegistry()) {
      RegistryClient src = registry.client(1024);
      Descriptor config = src.pushBlob("src/app", bytes("{\"os\":\"linux\"}"));
      Descriptor layer = src.pushBlob("src/app", bytes("layer"));
      ImageManifest child =
          new ImageManifest(
              MediaTypes.OCI_MANIFEST,
              null,
              Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(), config.size()),
              List.of(Descriptor.of(MediaTypes.OCI_LAYER, layer.digest(), layer.size())),
              null,
              Map.of());
      Digest childDigest =
          src.pushManifest(
                  "src/app",
                  Images.sha256(child.toJson()).toString(),
                  MediaTypes.OCI_MANIFEST,
                  child.toJson())
              .digest();
      ImageIndex index =
          new ImageIndex(
              MediaTypes.OCI_INDEX,
              null,
              List.of(Descriptor.of(MediaTypes.OCI_MANIFEST, childDigest, child.toJson().length)),
              null,
              Map.of());
      Digest top = src.pushManifest("src/app", "1", MediaTypes.OCI_INDEX, index.toJson()).digest();
      RegistryClientFactory clients =
          host -> host.equals(registry.host()) ? src : target.client(1024);

      ImageCopy.Result result =
          new ImageCopy(clients)
              .copy(
                  ImageRef.parse(registry.host() + "/src/app:1"),
                  ImageRef.parse(target.host() + "/dst/app:v1"));

      assertThat(result.digest()).isEqualTo(top);
      assertThat(result.manifests()).isEqualTo(2);
      assertThat(result.blobsUploaded()).isEqualTo(2);
      assertThat(target.blobs).containsKeys(config.digest().toString(), layer.digest().toString());
      List<String> puts =
          target.requests.stream().filter(r -> r.startsWith("PUT /v2/dst/app/manifests/")).toList();
      assertThat(puts)
          .containsExactly(
              "PUT /v2/dst/app/manifests/" + childDigest, "PUT /v2/dst/app/manifests/v1");
      assertThatThrownBy(
              () ->
                  new ImageCopy(clients)
                      .copy(
                          ImageRef.parse(registry.host() + "/src/app:1"),
                          ImageRef.parse(target.host() + "/dst/app@" + childDigest)))
          .isInstanceOf(DigestMismatchException.class);
    }
  }

  @Test
  void aBlobWhoseSourceLies_isNotStoredInTheTarget() throws Exception {
    try (FakeRegistry target = new FakeRegistry()) {
      RegistryClient src = registry.client(1024);
      Descriptor layer = src.pushBlob("src/app", bytes("layer"));
      Descriptor config = src.pushBlob("src/app", bytes("{}"));
      ImageManifest m =
          new ImageManifest(
              MediaTypes.OCI_MANIFEST,
              null,
              Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(), config.size()),
              List.of(Descriptor.of(MediaTypes.OCI_LAYER, layer.digest(), layer.size())),
              null,
              Map.of());
      src.pushManifest("src/app", "1", MediaTypes.OCI_MANIFEST, m.toJson());
      registry.blobs.put(layer.digest().toString(), bytes("LAYER")); // tampered, same size
      RegistryClientFactory clients =
          host -> host.equals(registry.host()) ? src : target.client(1024);

      assertThatThrownBy(
              () ->
                  new ImageCopy(clients)
                      .copy(
                          ImageRef.parse(registry.host() + "/src/app:1"),
                          ImageRef.parse(target.host() + "/dst/app:1")))
          .isInstanceOf(DigestMismatchException.class);
      assertThat(target.blobs).doesNotContainKey(layer.digest().toString());
      assertThat(target.manifests).isEmpty();
    }
  }
}
