package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Digest;
import dev.drydock.model.ImageRef;
import dev.drydock.testkit.TestDocker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
  private static Process registry;
  private static @org.jspecify.annotations.Nullable Process tlsRegistry;
  private static String host;
  private static String tlsHost = "";

  @BeforeAll
  static void startRegistryAndPush() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    host = "127.0.0.1:" + port;
    Process htpasswd =
        new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD).redirectErrorStream(false).start();
    String entry = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(htpasswd.waitFor()).isZero();
    Files.writeString(work.resolve("htpasswd"), entry);
    Files.createDirectories(work.resolve("data"));
    Files.writeString(
        work.resolve("config.yml"),
        "version: 0.1\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + work.resolve("data")
            + "\n"
            + "http:\n  addr: "
            + host
            + "\n"
            + "auth:\n  htpasswd:\n    realm: drydock-test\n    path: "
            + work.resolve("htpasswd")
            + "\n");
    registry =
        new ProcessBuilder(
                "/usr/bin/docker-registry", "serve", work.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry.log").toFile())
            .start();
    waitForPort(port);
    startTlsRegistry();
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

  /** A second registry on the same storage, anonymous, serving TLS from a throwaway CA. */
  private static void startTlsRegistry() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    tlsHost = "127.0.0.1:" + port;
    Path ca = work.resolve("ca.crt");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        work.resolve("ca.key").toString(),
        "-out",
        ca.toString(),
        "-days",
        "1",
        "-subj",
        "/CN=drydock-oci-test-CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        work.resolve("server.key").toString(),
        "-out",
        work.resolve("server.csr").toString(),
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(
        work.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        work.resolve("server.csr").toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        work.resolve("ca.key").toString(),
        "-CAcreateserial",
        "-out",
        work.resolve("server.crt").toString(),
        "-days",
        "1",
        "-extfile",
        work.resolve("server.ext").toString());
    Files.writeString(
        work.resolve("tls.yml"),
        "version: 0.1\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + work.resolve("data")
            + "\n"
            + "http:\n  addr: "
            + tlsHost
            + "\n  tls:\n    certificate: "
            + work.resolve("server.crt")
            + "\n    key: "
            + work.resolve("server.key")
            + "\n");
    tlsRegistry =
        new ProcessBuilder("/usr/bin/docker-registry", "serve", work.resolve("tls.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("tls-registry.log").toFile())
            .start();
    waitForPort(port);
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    for (Process p : new Process[] {registry, tlsRegistry}) {
      if (p != null) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
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
                RegistryClient.trusting(work.resolve("ca.crt")),
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

  private static void waitForPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket _ = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("docker-registry did not listen on " + port);
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
