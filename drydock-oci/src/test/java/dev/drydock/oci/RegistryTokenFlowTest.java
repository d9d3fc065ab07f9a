package dev.drydock.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker token flow against a small registry and token server written here ({@link
 * TinyHttpServer}) (distribution 2.8's token mode needs a signed-JWT issuer). The registry serves
 * an OCI layout, redirects blob reads to a second server, and records what clients sent.
 */
class RegistryTokenFlowTest {
  private static final String TOKEN = "tok-" + "123";

  @TempDir Path tmp;
  private TinyHttpServer registry;
  private TinyHttpServer storage;
  private Path layout = Path.of("");
  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private final List<String> storageAuth = new CopyOnWriteArrayList<>();
  private final Map<String, String> tokenBodies = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    layout =
        TestLayout.write(
            tmp.resolve("layout"), List.of(new TarBuilder().file("etc/hello", "hi").build()));
    storage =
        new TinyHttpServer(
            req -> {
              storageAuth.add(String.valueOf(req.headers().get("authorization")));
              String hex = req.uri().getPath().substring("/store/".length());
              return new TinyHttpServer.Response(
                  200, Map.of(), Files.readAllBytes(layout.resolve("blobs/sha256").resolve(hex)));
            });
    registry =
        new TinyHttpServer(req -> req.uri().getPath().startsWith("/token") ? token(req) : v2(req));
  }

  @AfterEach
  void stop() throws IOException {
    registry.close();
    storage.close();
  }

  private String host() {
    return "127.0.0.1:" + registry.port();
  }

  private TinyHttpServer.Response token(TinyHttpServer.Request req) {
    String body = new String(req.body(), StandardCharsets.UTF_8);
    tokenRequests.add(req.method() + " " + req.uri().getRawQuery());
    tokenBodies.put(req.method(), body);
    String auth = req.header("Authorization");
    boolean basicOk =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)))
            .equals(auth);
    boolean refreshOk =
        body.contains("grant_type=refresh_token") && body.contains("refresh_token=idt");
    if (!basicOk && !refreshOk) {
      return TinyHttpServer.Response.of(
          401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad creds\"}]}");
    }
    String field = refreshOk ? "access_token" : "token";
    return TinyHttpServer.Response.of(
        200, "{\"" + field + "\":\"" + TOKEN + "\",\"expires_in\":300}");
  }

  private TinyHttpServer.Response v2(TinyHttpServer.Request req) throws IOException {
    String path = req.uri().getPath();
    if (!("Bearer " + TOKEN).equals(req.header("Authorization"))) {
      return TinyHttpServer.Response.of(
          401,
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}",
          "WWW-Authenticate",
          "Bearer realm=\"http://"
              + host()
              + "/token\",service=\"drydock-test\",scope=\"repository:team/app:pull\"");
    }
    if (path.startsWith("/v2/team/app/manifests/")) {
      String ref = path.substring("/v2/team/app/manifests/".length());
      ImageIndex index;
      try {
        index = ImageIndex.parse(Files.readAllBytes(layout.resolve("index.json")));
      } catch (MalformedContentException e) {
        throw new IOException(e);
      }
      Descriptor d = index.manifests().getFirst();
      if (!ref.equals("1") && !ref.equals(d.digest().toString())) {
        return TinyHttpServer.Response.of(
            404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
      }
      return new TinyHttpServer.Response(
          200,
          Map.of("Content-Type", d.mediaType()),
          Files.readAllBytes(layout.resolve("blobs/sha256").resolve(d.digest().hex())));
    }
    if (path.startsWith("/v2/team/app/blobs/sha256:")) {
      String hex = path.substring("/v2/team/app/blobs/sha256:".length());
      return TinyHttpServer.Response.of(
          307, "", "Location", "http://localhost:" + storage.port() + "/store/" + hex);
    }
    return TinyHttpServer.Response.of(404, "");
  }

  private RegistryClient client(RegistryCredentials credentials) {
    return new RegistryClient(
        host(), new RegistryOptions(credentials, null, true, Duration.ofSeconds(10)));
  }

  @Test
  void bearerFlow_basicCredentials_getsTokenAndReadsImageThroughRedirects() throws Exception {
    RegistryClient client = client(RegistryCredentials.basic("alice", "secret"));

    try (Image image =
        new RegistryImageReader(client, Platform.of("linux", "amd64"))
            .open(host() + "/team/app:1")) {
      ImageFilesystem fs = ImageFilesystem.flatten(image, ArchiveLimits.defaults());
      assertThat(new String(fs.readFile("/etc/hello", 10), StandardCharsets.UTF_8)).isEqualTo("hi");
    }
    assertThat(tokenRequests)
        .first()
        .asString()
        .startsWith("GET ")
        .contains("service=drydock-test")
        .contains("scope=repository%3Ateam%2Fapp%3Apull");
    assertThat(tokenRequests).hasSize(1);
    assertThat(storageAuth).isNotEmpty().allMatch(a -> a.equals("null"));
  }

  @Test
  void bearerFlow_identityToken_usesRefreshTokenPost() throws Exception {
    RegistryClient client = client(RegistryCredentials.identityToken("idt"));

    RegistryClient.Manifest m = client.manifest(ImageRef.parse(host() + "/team/app:1"));

    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(tokenRequests).singleElement().asString().startsWith("POST");
    assertThat(tokenBodies.get("POST"))
        .contains("grant_type=refresh_token")
        .contains("service=drydock-test");
  }

  @Test
  void bearerFlow_badCredentials_isRegistryAuthException() {
    RegistryClient client = client(RegistryCredentials.basic("alice", "wrong"));

    assertThatThrownBy(() -> client.manifest(ImageRef.parse(host() + "/team/app:1")))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("UNAUTHORIZED");
  }

  @Test
  void manifestByWrongDigest_isDigestMismatch() throws Exception {
    RegistryClient client = client(RegistryCredentials.basic("alice", "secret"));
    ImageIndex index = ImageIndex.parse(Files.readAllBytes(layout.resolve("index.json")));
    String real = index.manifests().getFirst().digest().toString();

    assertThat(client.manifest(ImageRef.parse(host() + "/team/app@" + real)).digest())
        .hasToString(real);
    assertThatThrownBy(() -> client.manifest(ImageRef.parse(host() + "/team/app:nope")))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo("MANIFEST_UNKNOWN"));
  }

  @Test
  void unreachableRegistry_isRegistryException() throws Exception {
    RegistryClient client =
        new RegistryClient(
            "127.0.0.1:1",
            new RegistryOptions(
                RegistryCredentials.anonymous(), null, true, Duration.ofSeconds(2)));
    assertThatThrownBy(() -> client.manifest(ImageRef.parse("127.0.0.1:1/a:b")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("Cannot reach");
    assertThatThrownBy(() -> client.manifest(ImageRef.parse("other.io/a:b")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
