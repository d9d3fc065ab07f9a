package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.testkit.ReferenceRegistry;
import dev.drydock.testkit.TestDocker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes, mounts, copies, lists and deletes against Debian's docker-registry (CNCF distribution
 * 2.8.2): one with htpasswd Basic auth over HTTP, one anonymous over TLS from a throwaway CA.
 * skopeo pushes the source image and pulls the copies back, so a copy that a real client cannot
 * read fails here.
 */
class RegistryPushIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private static final String USER = "pusher";
  private static final String PASSWORD = "Drydock-Push-Pass-1";

  @TempDir static Path work;
  private static ReferenceRegistry auth;
  private static ReferenceRegistry tls;
  private static RegistryClientFactory clients;

  @BeforeAll
  static void start() throws Exception {
    auth =
        ReferenceRegistry.start(
            work.resolve("auth"), ReferenceRegistry.Options.basicAuth(USER, PASSWORD));
    tls =
        ReferenceRegistry.start(
            work.resolve("tls"), ReferenceRegistry.Options.anonymous().withTls());
    RegistryClient authClient =
        new RegistryClient(
            auth.hostPort(),
            new RegistryOptions(
                RegistryCredentials.basic(USER, PASSWORD), null, true, Duration.ofSeconds(30)));
    RegistryClient tlsClient =
        new RegistryClient(
            tls.hostPort(),
            new RegistryOptions(
                RegistryCredentials.anonymous(),
                RegistryClient.trusting(Objects.requireNonNull(tls.caPem())),
                false,
                Duration.ofSeconds(30)));
    clients = host -> host.equals(auth.hostPort()) ? authClient : tlsClient;
    run(
        "skopeo",
        "copy",
        "-q",
        "--dest-tls-verify=false",
        "--dest-creds",
        USER + ":" + PASSWORD,
        "docker-daemon:" + DOCKER.images().busybox(),
        "docker://" + auth.hostPort() + "/src/busybox:1");
  }

  @AfterAll
  static void stop() {
    for (ReferenceRegistry r : new ReferenceRegistry[] {auth, tls}) {
      if (r != null) {
        r.close();
      }
    }
  }

  private static RegistryClient authClient() throws OciException {
    return clients.client(auth.hostPort());
  }

  @Test
  void copyWithinARegistry_mountsBlobs_andKeepsTheDigest() throws Exception {
    ImageRef source = ImageRef.parse(auth.hostPort() + "/src/busybox:1");
    Digest sourceDigest = authClient().manifest(source).digest();

    ImageCopy.Result result =
        new ImageCopy(clients).copy(source, ImageRef.parse(auth.hostPort() + "/dst/busybox:copy"));

    assertThat(result.digest()).isEqualTo(sourceDigest);
    assertThat(result.blobsMounted()).isGreaterThanOrEqualTo(2); // config and layer
    assertThat(result.blobsUploaded()).isZero();
    String pulled =
        run(
            "skopeo",
            "inspect",
            "--raw",
            "--tls-verify=false",
            "--creds",
            USER + ":" + PASSWORD,
            "docker://" + auth.hostPort() + "/dst/busybox:copy");
    assertThat(Images.sha256(pulled.getBytes(StandardCharsets.UTF_8))).isEqualTo(sourceDigest);
    assertThat(authClient().tags("dst/busybox")).containsExactly("copy");
  }

  @Test
  void copyAcrossRegistries_streamsBlobs_andSkopeoPullsTheCopy() throws Exception {
    ImageRef source = ImageRef.parse(auth.hostPort() + "/src/busybox:1");
    Digest sourceDigest = authClient().manifest(source).digest();
    ImageRef destination = ImageRef.parse(tls.hostPort() + "/promoted/busybox:1");

    ImageCopy.Result result = new ImageCopy(clients).copy(source, destination);
    ImageCopy.Result again = new ImageCopy(clients).copy(source, destination);

    assertThat(result.digest()).isEqualTo(sourceDigest);
    assertThat(result.blobsUploaded()).isGreaterThanOrEqualTo(2);
    assertThat(result.bytesUploaded()).isPositive();
    assertThat(again.blobsUploaded()).isZero();
    assertThat(again.blobsPresent()).isEqualTo(result.blobsUploaded());
    Path certs = Files.createDirectories(work.resolve("certs"));
    Files.copy(Objects.requireNonNull(tls.caPem()), certs.resolve("ca.crt"));
    Path pulled = work.resolve("pulled");
    run(
        "skopeo",
        "copy",
        "-q",
        "--src-cert-dir",
        certs.toString(),
        "docker://" + destination,
        "oci:" + pulled + ":busybox");
    try (Image image = new OciLayoutReader(pulled, Platform.of("linux", "amd64")).open("busybox")) {
      assertThat(ImageFilesystem.flatten(image, ArchiveLimits.defaults()).find("/bin/busybox"))
          .isPresent();
    }
  }

  @Test
  void chunkedUpload_ofALargerBlob_isReadBackIntact() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Descriptor blob =
        Descriptor.of("application/octet-stream", Images.sha256(content), content.length);
    RegistryClient chunked =
        new RegistryClient(
            auth.hostPort(),
            new RegistryOptions(
                RegistryCredentials.basic(USER, PASSWORD), null, true, Duration.ofSeconds(30)),
            64 * 1024);

    chunked.pushBlob("chunks/a", blob, () -> new java.io.ByteArrayInputStream(content));

    assertThat(chunked.blobExists("chunks/a", blob.digest())).isTrue();
    try (InputStream in = chunked.blob("chunks/a", blob.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void contentThatDoesNotMatchItsDigest_isRefused_andNotStored() throws Exception {
    byte[] content = "the real bytes".getBytes(StandardCharsets.UTF_8);
    Descriptor claimed =
        Descriptor.of(
            "application/octet-stream",
            Images.sha256("other bytes".getBytes(StandardCharsets.UTF_8)),
            content.length);

    assertThatThrownBy(
            () ->
                authClient()
                    .pushBlob("bad/a", claimed, () -> new java.io.ByteArrayInputStream(content)))
        .isInstanceOf(DigestMismatchException.class);
    assertThat(authClient().blobExists("bad/a", claimed.digest())).isFalse();
  }

  @Test
  void referrers_fallBackToTheTagSchema_onDistribution28_andDeleteWorks() throws Exception {
    RegistryClient client = authClient();
    RegistryClient.Manifest image = client.manifest("src/busybox", "1");
    Descriptor empty = client.pushBlob("src/busybox", "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor config =
        new Descriptor(
            MediaTypes.OCI_EMPTY, empty.digest(), 2, List.of(), Map.of(), null, null, null);
    List<Digest> pushed = new ArrayList<>();
    for (String type : List.of("application/vnd.example.sig", "application/vnd.example.sbom")) {
      Descriptor layer = client.pushBlob("src/busybox", type.getBytes(StandardCharsets.UTF_8));
      ImageManifest artifact =
          new ImageManifest(
              MediaTypes.OCI_MANIFEST,
              type,
              config,
              List.of(layer),
              image.descriptor(),
              Map.of("k", type));
      PushedManifest result =
          client.pushReferrer("src/busybox", MediaTypes.OCI_MANIFEST, artifact.toJson());
      assertThat(result.subject()).as("distribution 2.8 has no referrers API").isNull();
      pushed.add(result.digest());
    }

    assertThat(client.referrers("src/busybox", image.digest(), null))
        .extracting(Descriptor::digest)
        .containsExactlyElementsOf(pushed);
    List<Descriptor> sboms =
        client.referrers("src/busybox", image.digest(), "application/vnd.example.sbom");
    assertThat(sboms).extracting(Descriptor::digest).containsExactly(pushed.get(1));
    assertThat(sboms.get(0).annotations()).containsEntry("k", "application/vnd.example.sbom");
    assertThat(client.tags("src/busybox")).contains(Referrers.fallbackTag(image.digest()));
    assertThat(client.referrers("src/busybox", Images.sha256(new byte[] {1}), null)).isEmpty();

    client.deleteManifest("src/busybox", pushed.get(0));
    assertThat(client.resolve("src/busybox", pushed.get(0).toString())).isEmpty();
    assertThat(client.resolve("src/busybox", pushed.get(1).toString()))
        .hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST));
  }

  @Test
  void tags_followLinkPages() throws Exception {
    RegistryClient client = authClient();
    RegistryClient.Manifest image = client.manifest("src/busybox", "1");
    List<String> names = List.of("a1", "a2", "a3", "a4", "a5");
    new ImageCopy(clients)
        .copy(
            ImageRef.parse(auth.hostPort() + "/src/busybox:1"),
            ImageRef.parse(auth.hostPort() + "/paged/busybox@" + image.digest()));
    for (String tag : names) {
      client.pushManifest("paged/busybox", tag, image.mediaType(), image.bytes());
    }
    // Pages of 2: only following the Link headers gets all five (2.8 does not sort across pages).
    assertThat(TagList.list(transport(), "paged/busybox", 2))
        .containsExactlyInAnyOrderElementsOf(names);
  }

  private static RegistryTransport transport() {
    return new RegistryTransport(
        auth.hostPort(),
        new RegistryOptions(
            RegistryCredentials.basic(USER, PASSWORD), null, true, Duration.ofSeconds(30)));
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
    return out;
  }
}
