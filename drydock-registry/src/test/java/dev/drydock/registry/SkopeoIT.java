package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.pki.TlsOptions;
import dev.drydock.testkit.TestDocker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo, a real registry client, copies an image into the drydock registry over verified TLS (the
 * CA given with --dest-cert-dir) and back out to an OCI layout, and deletes it.
 */
class SkopeoIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  @TempDir Path dir;

  @Test
  void copiesInAndOutWithTlsVerification() throws Exception {
    String image = DOCKER.images().busybox();
    Path archive = dir.resolve("busybox.tar");
    DOCKER.cli().run("save", "-o", archive.toString(), image);

    TlsFixture tls = TlsFixture.create(dir);
    Path certs = Files.createDirectories(dir.resolve("certs"));
    Files.copy(tls.ca.rootCertificateFile(), certs.resolve("ca.crt"));
    RegistryConfig config =
        RegistryConfig.tls(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TlsOptions.of(tls.server.tlsFiles()),
            Clock.systemUTC());
    HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
    RegistryServer server =
        RegistryServer.start(
            config,
            dir.resolve("data"),
            AccessPolicy.OPEN,
            new RegistryServer.Security(
                new MemorySecurityStore(), new TestSecrets(), AuditLog.NONE));
    try (TestRegistry registry =
        TestRegistry.wrap(server, new MutableClock(Instant.EPOCH), dir.resolve("data"), http)) {
      String host = "127.0.0.1:" + server.address().getPort();
      // skopeo follows the bearer challenge to /auth/token with these Basic credentials.
      String creds = "admin:" + TestRegistry.adminSecret(dir.resolve("data"));
      registry.login("admin", TestRegistry.adminSecret(dir.resolve("data")));

      // Without the CA, TLS verification fails: skopeo really checks the certificate.
      Tools.Result untrusted =
          Tools.run(
              dir,
              List.of(
                  "skopeo",
                  "copy",
                  "docker-archive:" + archive,
                  "docker://" + host + "/library/busybox:1"));
      assertThat(untrusted.exitCode()).isNotZero();
      assertThat(untrusted.output()).containsIgnoringCase("certificate");

      Tools.ok(
          dir,
          "skopeo",
          "copy",
          "--dest-cert-dir",
          certs.toString(),
          "--dest-creds",
          creds,
          "docker-archive:" + archive,
          "docker://" + host + "/library/busybox:1");
      HttpResponse<byte[]> manifest = registry.get("/v2/library/busybox/manifests/1");
      assertThat(manifest.statusCode()).isEqualTo(200);
      JsonNode layers = TestRegistry.json(manifest).get("layers");
      assertThat(layers).isNotEmpty();
      assertThat(
              TestRegistry.strings(
                  TestRegistry.json(registry.get("/v2/library/busybox/tags/list")).get("tags")))
          .containsExactly("1");

      Path layout = dir.resolve("layout");
      Tools.ok(
          dir,
          "skopeo",
          "copy",
          "--src-cert-dir",
          certs.toString(),
          "--src-creds",
          creds,
          "docker://" + host + "/library/busybox:1",
          "oci:" + layout + ":1");
      for (JsonNode layer : layers) {
        String digest = layer.get("digest").textValue();
        // skopeo converts to OCI media types but keeps the compressed layer bytes.
        Path blob = layout.resolve("blobs/sha256").resolve(digest.substring(7));
        assertThat(blob).exists();
        assertThat(TestRegistry.sha256(Files.readAllBytes(blob)).toString()).isEqualTo(digest);
      }

      // And an OCI layout back in, as an OCI manifest, under another name.
      Tools.ok(
          dir,
          "skopeo",
          "copy",
          "--dest-cert-dir",
          certs.toString(),
          "--dest-creds",
          creds,
          "oci:" + layout + ":1",
          "docker://" + host + "/mirror/busybox:oci");
      HttpResponse<byte[]> mirrored = registry.get("/v2/mirror/busybox/manifests/oci");
      assertThat(TestRegistry.header(mirrored, "Content-Type"))
          .isEqualTo(TestRegistry.OCI_MANIFEST);

      String inspected =
          Tools.ok(
              dir,
              "skopeo",
              "inspect",
              "--cert-dir",
              certs.toString(),
              "--creds",
              creds,
              "docker://" + host + "/mirror/busybox:oci");
      String digest = TestRegistry.header(mirrored, "Docker-Content-Digest");
      assertThat(inspected).contains(digest);

      Tools.ok(
          dir,
          "skopeo",
          "delete",
          "--cert-dir",
          certs.toString(),
          "--creds",
          creds,
          "docker://" + host + "/mirror/busybox:oci");
      assertThat(registry.get("/v2/mirror/busybox/manifests/" + digest).statusCode())
          .isEqualTo(404);
    }
  }
}
