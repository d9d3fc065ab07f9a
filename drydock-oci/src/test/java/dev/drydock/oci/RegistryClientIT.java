package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.testkit.ReferenceRegistry;
import dev.drydock.testkit.TestDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads an image pushed by skopeo into Debian's docker-registry (CNCF distribution 2.8) with
 * htpasswd auth on loopback.
 */
class RegistryClientIT {
  @RegisterExtension static final TestDocker DOCKER = TestDocker.create(System.getenv());

  private static final String USER = "testuser";
  private static final String PASSWORD = "Drydock-Test-Pass-1";

  @TempDir static Path work;
  private static ReferenceRegistry registry;
  private static ReferenceRegistry tlsRegistry;
  private static String host;
  private static String tlsHost = "";

  @BeforeAll
  static void startRegistryAndPush() throws Exception {
    registry =
        ReferenceRegistry.start(
            work.resolve("auth"),
            ReferenceRegistry.Options.basicAuth(USER, PASSWORD).withStorage(work.resolve("data")));
    host = registry.hostPort();
    // A second registry on the same storage, anonymous, serving TLS from a throwaway CA.
    tlsRegistry =
        ReferenceRegistry.start(
            work.resolve("tls"),
            ReferenceRegistry.Options.anonymous().withTls().withStorage(work.resolve("data")));
    tlsHost = tlsRegistry.hostPort();
    String busybox = DOCKER.images().busybox();
    run(
        "skopeo",
        "copy",
        "-q",
        "--dest-tls-verify=false",
        "--dest-creds",
        USER + ":" + PASSWORD,
        "docker-daemon:" + busybox,
        "docker://" + host + "/test/busybox:1");
  }

  @AfterAll
  static void stopRegistry() {
    for (ReferenceRegistry r : new ReferenceRegistry[] {registry, tlsRegistry}) {
      if (r != null) {
        r.close();
      }
    }
  }

  @Test
  void tlsWithCustomCa_readsImage_andUntrustedIsRefused() throws Exception {
    RegistryClient trusted =
        new RegistryClient(
            tlsHost,
            new RegistryOptions(
                RegistryCredentials.anonymous(),
                RegistryClient.trusting(java.util.Objects.requireNonNull(tlsRegistry.caPem())),
                false,
                Duration.ofSeconds(30)));
    try (Image image =
        new RegistryImageReader(trusted, Platform.of("linux", "amd64"))
            .open(tlsHost + "/test/busybox:1")) {
      assertThat(ImageFilesystem.flatten(image, ArchiveLimits.defaults()).find("/bin/sh"))
          .isPresent();
    }
    RegistryClient untrusted =
        new RegistryClient(tlsHost, RegistryOptions.of(RegistryCredentials.anonymous()));
    assertThatThrownBy(() -> untrusted.manifest(ImageRef.parse(tlsHost + "/test/busybox:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("TLS trust");
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
  }

  private static RegistryClient client(RegistryCredentials credentials) {
    return new RegistryClient(
        host, new RegistryOptions(credentials, null, true, Duration.ofSeconds(30)));
  }

  @Test
  void basicAuth_readsPushedImageLikeDockerInspect() throws Exception {
    RegistryClient client = client(RegistryCredentials.basic(USER, PASSWORD));

    try (Image image =
        new RegistryImageReader(client, Platform.of("linux", "amd64"))
            .open(host + "/test/busybox:1")) {
      String layers =
          DOCKER
              .cli()
              .run(
                  "image",
                  "inspect",
                  "--format",
                  "{{join .RootFS.Layers \",\"}}",
                  TestImagesName.BUSYBOX)
              .strip();
      assertThat(image.config().diffIds())
          .extracting(Digest::toString)
          .containsExactly(layers.split(","));
      assertThat(image.manifestDigest()).isNotNull();
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
      assertThat(fs.find("/bin/busybox")).isPresent();
      // The same manifest by digest verifies.
      RegistryClient.Manifest byDigest =
          client.manifest(ImageRef.parse(host + "/test/busybox@" + image.manifestDigest()));
      assertThat(byDigest.digest()).isEqualTo(image.manifestDigest());
    }
  }

  @Test
  void dockerConfigCredentials_areUsed() throws Exception {
    Path config = work.resolve("config.json");
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");

    RegistryClient client = client(RegistryCredentials.fromDockerConfig(config, host));

    assertThat(client.manifest(ImageRef.parse(host + "/test/busybox:1")).mediaType())
        .isIn(MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST);
  }

  @Test
  void wrongPasswordOrAnonymous_isRegistryAuthException() {
    ImageRef ref = ImageRef.parse(host + "/test/busybox:1");
    assertThatThrownBy(() -> client(RegistryCredentials.basic(USER, "wrong")).manifest(ref))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("401");
    assertThatThrownBy(() -> client(RegistryCredentials.anonymous()).manifest(ref))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("requires a user name");
  }

  @Test
  void unknownTag_isRegistryExceptionWithCode() {
    RegistryClient client = client(RegistryCredentials.basic(USER, PASSWORD));
    assertThatThrownBy(() -> client.manifest(ImageRef.parse(host + "/test/busybox:nope")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("MANIFEST_UNKNOWN");
            });
  }

  /** Keeps the image name in one place. */
  private static final class TestImagesName {
    static final String BUSYBOX = dev.drydock.testkit.TestImages.BUSYBOX;
  }
}
